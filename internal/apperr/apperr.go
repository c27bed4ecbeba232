// Package apperr carries domain errors from stores and services to the
// HTTP layer, which maps each code to one status in one place. Messages
// here are safe to show users; internal errors are never shown.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for the edges (HTTP status, CLI exit).
type Code string

const (
	Invalid      Code = "invalid"      // 422: fields failed validation
	Malformed    Code = "malformed"    // 400: the request could not be read
	NotFound     Code = "not_found"    // 404: absent, or of another brand
	Conflict     Code = "conflict"     // 409: clashes with existing data
	Unauthorized Code = "unauthorized" // 401: no or bad credentials
	Forbidden    Code = "forbidden"    // 403: missing permission or scope
	RateLimited  Code = "rate_limited" // 429
)

// FieldError is one problem with one input field. Message is in English;
// Key and Args let the UI show it in the user's language.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Key     string `json:"-"`
	Args    []any  `json:"-"`
}

// Error is a domain error with a user-safe message.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// New returns an error with a code and message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of err, or "" for an internal error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// As returns err as *Error when it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Fields collects field errors during validation.
type Fields []FieldError

// Add records a problem with a field; key names the message in the
// catalogues (for example "validation.required").
func (f *Fields) Add(field, key, message string, args ...any) {
	*f = append(*f, FieldError{Field: field, Key: key, Message: message, Args: args})
}

// Has reports whether field has a problem.
func (f Fields) Has(field string) bool {
	for _, e := range f {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Err returns an Invalid error listing the fields, or nil when there are
// none.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "Some fields are not valid.", Fields: f}
}
