package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
)

// MaxBodyBytes bounds a JSON request body.
const MaxBodyBytes = 1 << 20

// Decode reads a JSON object into dst, strictly: the right content type,
// one object, no unknown fields. Every failure is a Malformed error that
// says what is wrong and where.
func Decode(w http.ResponseWriter, r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return apperr.New(apperr.Malformed, "Send the body as application/json (got %q).", ct)
		}
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return malformed(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return apperr.New(apperr.Malformed, "The body must hold a single JSON object.")
	}
	return nil
}

func malformed(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.Malformed, "The body is empty; send a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.Malformed, "The body is not valid JSON: it ends before the object is complete.")
	case errors.As(err, &syntax):
		return apperr.New(apperr.Malformed, "The body is not valid JSON (at byte %d).", syntax.Offset)
	case errors.As(err, &typ):
		return &apperr.Error{Code: apperr.Malformed, Message: fmt.Sprintf("The field %q must be a %s.", typ.Field, jsonType(typ.Type.Kind().String())),
			Fields: []apperr.FieldError{{Field: typ.Field, Message: "Wrong type: expected " + jsonType(typ.Type.Kind().String()) + "."}}}
	case errors.As(err, &tooBig):
		return apperr.New(apperr.Malformed, "The body is larger than %d bytes.", MaxBodyBytes)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &apperr.Error{Code: apperr.Malformed, Message: fmt.Sprintf("Unknown field %q.", field),
			Fields: []apperr.FieldError{{Field: field, Message: "This field is not part of the request."}}}
	}
	return apperr.New(apperr.Malformed, "The body could not be read: %s.", err.Error())
}

func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "map", "struct":
		return "object"
	case "bool":
		return "boolean"
	case "ptr":
		return "value of another type"
	}
	return "number"
}
