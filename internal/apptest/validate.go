package apptest

import (
	"strings"

	"github.com/rosterhq/roster/internal/openapi/openapitest"
)

// validate checks every API response against the OpenAPI document.
func (e *Env) validate(r *Response) {
	if !strings.HasPrefix(r.Req.URL.Path, "/api/v1/") || r.Req.URL.Path == "/api/v1/openapi.json" {
		return
	}
	if e.Router.PatternFor(r.Req) == "/" {
		return // no such route: the catch-all's 404 is not part of any operation
	}
	openapitest.Validate(e.T, r.Req, r.Status, r.Header, []byte(r.Body))
}
