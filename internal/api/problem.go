// Package api holds the conventions every JSON route follows: RFC 9457
// problem responses, strict JSON bodies, cursor pages and idempotent
// creates.
package api

import (
	"encoding/json"
	"net/http"

	"github.com/rosterhq/roster/internal/apperr"
)

// Problem is an RFC 9457 problem document with Roster's per-field list.
type Problem struct {
	Type   string              `json:"type"`
	Title  string              `json:"title"`
	Status int                 `json:"status"`
	Detail string              `json:"detail,omitempty"`
	Errors []apperr.FieldError `json:"errors,omitempty"`
}

// StatusOf maps a domain error code to its HTTP status: the one place
// that decides it, for pages and API alike.
func StatusOf(code apperr.Code) int {
	switch code {
	case apperr.Invalid:
		return http.StatusUnprocessableEntity
	case apperr.Malformed:
		return http.StatusBadRequest
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Unauthorized:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.RateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

var titles = map[apperr.Code]string{
	apperr.Invalid:      "Some fields are not valid",
	apperr.Malformed:    "The request could not be read",
	apperr.NotFound:     "Not found",
	apperr.Conflict:     "Conflict with existing data",
	apperr.Unauthorized: "Authentication required",
	apperr.Forbidden:    "Not allowed",
	apperr.RateLimited:  "Too many requests",
}

// ProblemFor builds the problem document for err. Internal errors get a
// generic message; their detail goes to the log, never to the client.
func ProblemFor(err error) Problem {
	e, ok := apperr.As(err)
	if !ok {
		return Problem{Type: "urn:roster:problem:internal", Title: "Internal error", Status: 500,
			Detail: "Something went wrong on our side. Try again; if it keeps happening, report the request id."}
	}
	return Problem{Type: "urn:roster:problem:" + string(e.Code), Title: titles[e.Code], Status: StatusOf(e.Code), Detail: e.Message, Errors: e.Fields}
}

// WriteProblem writes err as application/problem+json.
func WriteProblem(w http.ResponseWriter, err error) {
	p := ProblemFor(err)
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="roster"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

// WriteJSON writes v as JSON with a status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// List is the shape of every list response.
type List[T any] struct {
	Data       []T    `json:"data"`
	NextCursor string `json:"next_cursor"`
}
