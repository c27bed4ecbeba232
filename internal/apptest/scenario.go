package apptest

import (
	"net/http"
	"strings"
	"testing"
)

// Scenario is one request and what must come back.
type Scenario struct {
	Name        string
	Client      *Client // nil: an anonymous client
	Token       string  // for API requests
	Method      string
	Path        string
	Body        string // JSON for /api/, an encoded form otherwise
	Header      map[string]string
	Status      int
	Contains    []string
	NotContains []string
	Check       func(t *testing.T, r *Response)
}

// Run runs scenarios in order as subtests.
func (e *Env) Run(t *testing.T, scenarios []Scenario) {
	t.Helper()
	for _, s := range scenarios {
		t.Run(s.Name, func(t *testing.T) {
			r := e.Send(s)
			if r.Status != s.Status {
				t.Fatalf("%s %s: status %d, want %d; body:\n%s", s.Method, s.Path, r.Status, s.Status, clip(r.Body))
			}
			for _, want := range s.Contains {
				if !strings.Contains(r.Body, want) {
					t.Errorf("%s %s: body lacks %q; body:\n%s", s.Method, s.Path, want, clip(r.Body))
				}
			}
			for _, bad := range s.NotContains {
				if strings.Contains(r.Body, bad) {
					t.Errorf("%s %s: body has %q but must not", s.Method, s.Path, bad)
				}
			}
			if s.Check != nil {
				s.Check(t, r)
			}
		})
	}
}

// Send performs a scenario's request.
func (e *Env) Send(s Scenario) *Response {
	e.T.Helper()
	if strings.HasPrefix(s.Path, "/api/") && s.Client == nil {
		var extra []string
		for k, v := range s.Header {
			extra = append(extra, k, v)
		}
		return e.API(s.Token, s.Method, s.Path, s.Body, extra...)
	}
	c := s.Client
	if c == nil {
		c = e.Anonymous()
	}
	h := http.Header{}
	for k, v := range s.Header {
		h.Set(k, v)
	}
	var body *strings.Reader
	if s.Body != "" {
		body = strings.NewReader(s.Body)
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	if body == nil {
		return c.Do(s.Method, s.Path, nil, h)
	}
	return c.Do(s.Method, s.Path, body, h)
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}
