package apptest

import (
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Response is a finished response with its body read.
type Response struct {
	Status int
	Header http.Header
	Body   string
	Req    *http.Request
}

// Do sends a request to the test server; path is relative to it.
func (c *Client) Do(method, path string, body io.Reader, header http.Header) *Response {
	c.env.T.Helper()
	req, err := http.NewRequest(method, c.env.Server.URL+path, body)
	if err != nil {
		c.env.T.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := c.Client.Do(req)
	if err != nil {
		c.env.T.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.env.T.Fatal(err)
	}
	return &Response{Status: res.StatusCode, Header: res.Header, Body: string(b), Req: req}
}

// Get fetches a page.
func (c *Client) Get(path string) *Response { return c.Do("GET", path, nil, nil) }

// PostForm posts a form.
func (c *Client) PostForm(path string, v url.Values) *Response {
	return c.Do("POST", path, strings.NewReader(v.Encode()), http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
}

// API sends a JSON API request with a bearer token (none when empty).
func (e *Env) API(token, method, path, body string, extra ...string) *Response {
	e.T.Helper()
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		h.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(extra); i += 2 {
		h.Set(extra[i], extra[i+1])
	}
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	res := e.Anonymous().Do(method, path, r, h)
	e.validate(res)
	return res
}
