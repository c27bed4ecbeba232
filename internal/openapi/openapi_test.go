package openapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	"github.com/pb33f/libopenapi-validator/schema_validation"

	"github.com/rosterhq/roster/internal/openapi"
	"github.com/rosterhq/roster/internal/openapi/openapitest"
)

func TestDocumentIsValidOpenAPI31(t *testing.T) {
	if errs := openapitest.DocumentErrors(); len(errs) > 0 {
		t.Fatalf("openapi.json is not a valid OpenAPI 3.1 document:\n  - %s", strings.Join(errs, "\n  - "))
	}
	doc, err := libopenapi.NewDocument(openapi.Document())
	if err != nil {
		t.Fatal(err)
	}
	if v := doc.GetVersion(); v != "3.1.0" {
		t.Errorf("openapi version = %q, want 3.1.0", v)
	}
	if _, errs := doc.BuildV3Model(); errs != nil {
		t.Errorf("build model: %v", errs)
	}
}

// TestDocumentValidationCatchesMistakes proves the check above is not
// vacuous: the same validation rejects a copy of the document with a
// mistake in it.
func TestDocumentValidationCatchesMistakes(t *testing.T) {
	var raw map[string]any
	if err := json.Unmarshal(openapi.Document(), &raw); err != nil {
		t.Fatal(err)
	}
	delete(raw["info"].(map[string]any), "title")
	raw["webhooks"] = "none"
	broken, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := libopenapi.NewDocument(broken)
	if err != nil {
		t.Fatal(err)
	}
	ok, errs := schema_validation.ValidateOpenAPIDocument(doc)
	if ok || len(errs) == 0 {
		t.Fatal("a document without info.title and with a string as webhooks passed validation")
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"title", "webhooks"} {
		if !strings.Contains(all, want) {
			t.Errorf("validation did not name %q:\n%s", want, all)
		}
	}
}

func TestDocumentReturnsACopy(t *testing.T) {
	if !json.Valid(openapi.Document()) {
		t.Fatal("openapi.json is not valid JSON")
	}
	d := openapi.Document()
	d[0] = 'x'
	if openapi.Document()[0] != '{' {
		t.Error("Document returned the embedded slice itself; a caller changed it")
	}
}

func TestOperations(t *testing.T) {
	ops, err := openapi.Operations()
	if err != nil {
		t.Fatal(err)
	}
	want := []openapi.Operation{
		{"GET", "/api/v1/applications"},
		{"GET", "/api/v1/applications/{id}"},
		{"DELETE", "/api/v1/campaign-deliverables/{id}"},
		{"GET", "/api/v1/campaign-deliverables/{id}"},
		{"PATCH", "/api/v1/campaign-deliverables/{id}"},
		{"GET", "/api/v1/campaign-templates"},
		{"POST", "/api/v1/campaign-templates"},
		{"DELETE", "/api/v1/campaign-templates/{id}"},
		{"GET", "/api/v1/campaign-templates/{id}"},
		{"POST", "/api/v1/campaign-templates/{id}/campaigns"},
		{"GET", "/api/v1/campaigns"},
		{"POST", "/api/v1/campaigns"},
		{"DELETE", "/api/v1/campaigns/{id}"},
		{"GET", "/api/v1/campaigns/{id}"},
		{"PATCH", "/api/v1/campaigns/{id}"},
		{"POST", "/api/v1/campaigns/{id}/deliverables"},
		{"GET", "/api/v1/campaigns/{id}/participants"},
		{"POST", "/api/v1/campaigns/{id}/participants"},
		{"POST", "/api/v1/campaigns/{id}/participants/moves"},
		{"GET", "/api/v1/campaigns/{id}/terms"},
		{"POST", "/api/v1/campaigns/{id}/terms"},
		{"POST", "/api/v1/campaigns/{id}/transitions"},
		{"GET", "/api/v1/contract"},
		{"PUT", "/api/v1/contract"},
		{"GET", "/api/v1/creators"},
		{"POST", "/api/v1/creators"},
		{"GET", "/api/v1/creators/export"},
		{"DELETE", "/api/v1/creators/{id}"},
		{"GET", "/api/v1/creators/{id}"},
		{"PATCH", "/api/v1/creators/{id}"},
		{"GET", "/api/v1/creators/{id}/stage-events"},
		{"POST", "/api/v1/imports"},
		{"GET", "/api/v1/imports/{id}"},
		{"GET", "/api/v1/imports/{id}/errors.csv"},
		{"GET", "/api/v1/invitations"},
		{"POST", "/api/v1/invitations"},
		{"GET", "/api/v1/kb/articles"},
		{"GET", "/api/v1/kb/articles/{id}"},
		{"GET", "/api/v1/me"},
		{"GET", "/api/v1/openapi.json"},
		{"GET", "/api/v1/participant-stages"},
		{"GET", "/api/v1/participants/{id}"},
		{"POST", "/api/v1/participants/{id}/counter-offer"},
		{"GET", "/api/v1/saved-filters"},
		{"POST", "/api/v1/saved-filters"},
		{"DELETE", "/api/v1/saved-filters/{id}"},
		{"GET", "/api/v1/saved-filters/{id}"},
		{"PATCH", "/api/v1/saved-filters/{id}"},
		{"GET", "/api/v1/stages"},
		{"GET", "/api/v1/suggestions"},
		{"POST", "/api/v1/suggestions/{id}/add"},
		{"POST", "/api/v1/suggestions/{id}/dismiss"},
		{"GET", "/api/v1/threads"},
		{"POST", "/api/v1/threads"},
		{"GET", "/api/v1/threads/{id}"},
		{"PATCH", "/api/v1/threads/{id}"},
		{"GET", "/api/v1/threads/{id}/messages"},
		{"POST", "/api/v1/threads/{id}/messages"},
		{"GET", "/api/v1/tickets"},
		{"POST", "/api/v1/tickets"},
		{"GET", "/api/v1/tickets/{id}"},
		{"POST", "/api/v1/tickets/{id}/replies"},
		{"GET", "/api/v1/time-entries"},
		{"POST", "/api/v1/time-entries"},
		{"GET", "/api/v1/utilization"},
	}
	if !reflect.DeepEqual(ops, want) {
		t.Errorf("Operations() =\n  %v\nwant\n  %v", ops, want)
	}
}

// TestScopes checks that every operation but the document itself needs
// the bearer token, and that x-roster-scope agrees with the description.
func TestScopes(t *testing.T) {
	var doc struct {
		Security []map[string][]string                 `json:"security"`
		Paths    map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openapi.Document(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Security) != 1 || doc.Security[0]["bearerAuth"] == nil {
		t.Errorf("top-level security = %v, want bearerAuth", doc.Security)
	}
	want := map[string]any{
		"GET /api/v1/openapi.json":     nil,
		"GET /api/v1/me":               nil,
		"GET /api/v1/invitations":      "creators:read",
		"POST /api/v1/invitations":     "invitations:send",
		"GET /api/v1/creators":         "creators:read",
		"POST /api/v1/creators":        "creators:write",
		"GET /api/v1/creators/{id}":    "creators:read",
		"PATCH /api/v1/creators/{id}":  "creators:write",
		"DELETE /api/v1/creators/{id}": "creators:delete",

		// saved filters
		"GET /api/v1/saved-filters":         "creators:read",
		"POST /api/v1/saved-filters":        "creators:write",
		"GET /api/v1/saved-filters/{id}":    "creators:read",
		"PATCH /api/v1/saved-filters/{id}":  "creators:write",
		"DELETE /api/v1/saved-filters/{id}": "creators:write",

		// applications
		"GET /api/v1/applications":      "applications:read",
		"GET /api/v1/applications/{id}": "applications:read",

		// pipeline
		"GET /api/v1/stages":                     "creators:read",
		"GET /api/v1/creators/{id}/stage-events": "creators:read",

		// imports
		"POST /api/v1/imports":                "creators:import",
		"GET /api/v1/imports/{id}":            "creators:import",
		"GET /api/v1/imports/{id}/errors.csv": "creators:import",
		"GET /api/v1/creators/export":         "creators:read",

		// contract
		"GET /api/v1/contract": "program:read",
		"PUT /api/v1/contract": "contract:manage",

		// time
		"GET /api/v1/time-entries":  "program:read",
		"POST /api/v1/time-entries": "time:log",
		"GET /api/v1/utilization":   "program:read",

		// participants
		"GET /api/v1/participant-stages":                 "campaigns:read",
		"GET /api/v1/campaigns/{id}/participants":        "campaigns:read",
		"POST /api/v1/campaigns/{id}/participants":       "campaigns:write",
		"POST /api/v1/campaigns/{id}/participants/moves": "campaigns:write",
		"GET /api/v1/participants/{id}":                  "campaigns:read",
		"POST /api/v1/participants/{id}/counter-offer":   "campaigns:write",
		// campaigns
		"GET /api/v1/campaigns":                          "campaigns:read",
		"POST /api/v1/campaigns":                         "campaigns:write",
		"GET /api/v1/campaigns/{id}":                     "campaigns:read",
		"PATCH /api/v1/campaigns/{id}":                   "campaigns:write",
		"DELETE /api/v1/campaigns/{id}":                  "campaigns:write",
		"POST /api/v1/campaigns/{id}/transitions":        "campaigns:write",
		"GET /api/v1/campaigns/{id}/terms":               "campaigns:read",
		"POST /api/v1/campaigns/{id}/terms":              "campaigns:write",
		"POST /api/v1/campaigns/{id}/deliverables":       "campaigns:write",
		"GET /api/v1/campaign-deliverables/{id}":         "campaigns:read",
		"PATCH /api/v1/campaign-deliverables/{id}":       "campaigns:write",
		"DELETE /api/v1/campaign-deliverables/{id}":      "campaigns:write",
		"GET /api/v1/campaign-templates":                 "campaigns:read",
		"POST /api/v1/campaign-templates":                "campaigns:write",
		"GET /api/v1/campaign-templates/{id}":            "campaigns:read",
		"DELETE /api/v1/campaign-templates/{id}":         "campaigns:write",
		"POST /api/v1/campaign-templates/{id}/campaigns": "campaigns:write",

		// talentspider
		"GET /api/v1/suggestions":               "creators:read",
		"POST /api/v1/suggestions/{id}/add":     "creators:write",
		"POST /api/v1/suggestions/{id}/dismiss": "creators:write",

		// knowledge base: installation-wide, any valid token reads
		"GET /api/v1/kb/articles":      nil,
		"GET /api/v1/kb/articles/{id}": nil,

		// inbox
		"GET /api/v1/threads":                "inbox:read",
		"POST /api/v1/threads":               "inbox:reply",
		"GET /api/v1/threads/{id}":           "inbox:read",
		"PATCH /api/v1/threads/{id}":         "inbox:reply",
		"GET /api/v1/threads/{id}/messages":  "inbox:read",
		"POST /api/v1/threads/{id}/messages": "inbox:reply",

		// tickets
		"GET /api/v1/tickets":               "tickets:open",
		"POST /api/v1/tickets":              "tickets:open",
		"GET /api/v1/tickets/{id}":          "tickets:open",
		"POST /api/v1/tickets/{id}/replies": "tickets:open",
	}
	ops, _ := openapi.Operations()
	for _, op := range ops {
		var o map[string]any
		if err := json.Unmarshal(doc.Paths[op.Path][strings.ToLower(op.Method)], &o); err != nil {
			t.Fatal(err)
		}
		scope, ok := o["x-roster-scope"]
		if !ok {
			t.Errorf("%s has no x-roster-scope", op)
			continue
		}
		if scope != want[op.String()] {
			t.Errorf("%s x-roster-scope = %v, want %v", op, scope, want[op.String()])
		}
		desc, _ := o["description"].(string)
		if s, _ := scope.(string); s != "" && !strings.Contains(desc, "Scope: `"+s+"`") {
			t.Errorf("%s description does not name its scope %s", op, s)
		}
		sec, hasSec := o["security"]
		if op.Path == openapi.Path {
			if !hasSec || len(sec.([]any)) != 0 {
				t.Errorf("%s must have security: [] (no token)", op)
			}
		} else if hasSec {
			t.Errorf("%s overrides the bearer security requirement", op)
		}
	}
}

type routes struct {
	method, path string
	h            http.Handler
}

func (r *routes) Handle(method, path string, h http.Handler) {
	r.method, r.path, r.h = method, path, h
}

func TestRegisterServesTheDocument(t *testing.T) {
	var rt routes
	openapi.Register(&rt)
	if rt.method != "GET" || rt.path != "/api/v1/openapi.json" || rt.h == nil {
		t.Fatalf("Register registered %s %s", rt.method, rt.path)
	}
	req := httptest.NewRequest("GET", "/api/v1/openapi.json", nil)
	rec := httptest.NewRecorder()
	rt.h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if !bytes.Equal(rec.Body.Bytes(), openapi.Document()) {
		t.Error("body is not the document")
	}
	openapitest.Validate(t, req, rec.Code, rec.Header(), rec.Body.Bytes())
}

// recorder is a testing.TB that records failures instead of failing, to
// show that Validate does fail tests.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, strings.TrimSpace(fmt.Sprintf(format, args...)))
}
func (r *recorder) Error(args ...any)                 { r.Errorf("%s", fmt.Sprint(args...)) }
func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
func (r *recorder) Fatal(args ...any)                 { r.Error(args...) }

const creatorJSON = `{
  "id": 12,
  "display_name": "Ana Lima",
  "email": "ana@example.com",
  "country": "BR",
  "languages": ["pt-BR", "en"],
  "tags": ["fitness"],
  "notes": "",
  "owner_user_id": null,
  "stage": "active",
  "followers_total": 120500,
  "social_accounts": [{
    "id": 3,
    "platform": "instagram",
    "handle": "analima",
    "profile_url": "https://www.instagram.com/analima/",
    "followers": 120500,
    "engagement_rate": 3.4,
    "metrics_updated_at": "2026-03-01T10:00:00.123456789Z",
    "metrics_source": "api"
  }],
  "created_at": "2026-02-27T09:30:00Z",
  "updated_at": "2026-03-01T10:00:00.123456789+01:00"
}`

// creator returns creatorJSON with change applied to its decoded form.
func creator(t *testing.T, change func(c map[string]any)) []byte {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal([]byte(creatorJSON), &c); err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(c)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonHeader() http.Header { return http.Header{"Content-Type": {"application/json"}} }
func problemHeader() http.Header {
	return http.Header{"Content-Type": {"application/problem+json"}}
}

type exchange struct {
	name   string
	method string
	target string
	status int
	header http.Header
	body   []byte
}

func run(t *testing.T, x exchange) []string {
	t.Helper()
	rec := &recorder{TB: t}
	openapitest.Validate(rec, httptest.NewRequest(x.method, x.target, nil), x.status, x.header, x.body)
	return rec.errors
}

func TestValidateAcceptsCorrectResponses(t *testing.T) {
	withHeader := func(h http.Header, k, v string) http.Header { h.Set(k, v); return h }
	list := []byte(`{"data": [` + creatorJSON + `], "next_cursor": "eyJpZCI6MTJ9"}`)
	for _, x := range []exchange{
		{"get creator", "GET", "/api/v1/creators/12", 200, jsonHeader(), creator(t, nil)},
		{"null lists and owner set", "GET", "/api/v1/creators/12", 200, jsonHeader(), creator(t, func(c map[string]any) {
			c["languages"], c["tags"], c["owner_user_id"], c["social_accounts"] = nil, nil, 7, []any{}
		})},
		{"metrics never set", "GET", "/api/v1/creators/12", 200, jsonHeader(), creator(t, func(c map[string]any) {
			c["social_accounts"].([]any)[0].(map[string]any)["metrics_updated_at"] = nil
		})},
		{"list", "GET", "/api/v1/creators?stage=active&min_followers=10k&sort=-followers&limit=10", 200, jsonHeader(), list},
		{"last page", "GET", "/api/v1/creators", 200, jsonHeader(), []byte(`{"data": [], "next_cursor": ""}`)},
		{"create", "POST", "/api/v1/creators", 201, withHeader(jsonHeader(), "Location", "/api/v1/creators/12"), creator(t, nil)},
		{"create replayed", "POST", "/api/v1/creators", 201,
			withHeader(withHeader(jsonHeader(), "Location", "/api/v1/creators/12"), "Idempotent-Replayed", "true"), creator(t, nil)},
		{"patch", "PATCH", "/api/v1/creators/12", 200, jsonHeader(), creator(t, nil)},
		{"delete", "DELETE", "/api/v1/creators/12", 204, http.Header{}, nil},
		{"me", "GET", "/api/v1/me", 200, jsonHeader(),
			[]byte(`{"brand": {"id": 1, "slug": "acme", "name": "Acme"}, "token": {"id": 4, "name": "CI"}, "scopes": ["creators:read"]}`)},
		{"absolute URL, charset", "GET", "http://127.0.0.1:8080/api/v1/me", 200, http.Header{"Content-Type": {"application/json; charset=utf-8"}},
			[]byte(`{"brand": {"id": 1, "slug": "acme", "name": "Acme"}, "token": {"id": 4, "name": "CI"}, "scopes": []}`)},
		{"unauthorized", "GET", "/api/v1/me", 401, withHeader(problemHeader(), "WWW-Authenticate", `Bearer realm="roster"`),
			[]byte(`{"type": "urn:roster:problem:unauthorized", "title": "Authentication required", "status": 401, "detail": "Sign in to continue."}`)},
		{"forbidden", "DELETE", "/api/v1/creators/12", 403, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:forbidden", "title": "Not allowed", "status": 403, "detail": "This token lacks the scope creators:delete."}`)},
		{"not found, id not a number", "GET", "/api/v1/creators/abc", 404, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:not_found", "title": "Not found", "status": 404, "detail": "not found"}`)},
		{"invalid with fields", "POST", "/api/v1/creators", 422, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:invalid", "title": "Some fields are not valid", "status": 422, "detail": "Check the fields.",
			  "errors": [{"field": "display_name", "message": "Required."}]}`)},
		{"malformed", "PATCH", "/api/v1/creators/12", 400, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:malformed", "title": "The request could not be read", "status": 400, "detail": "Unknown field \"foo\".",
			  "errors": [{"field": "foo", "message": "This field is not part of the request."}]}`)},
		{"conflict", "POST", "/api/v1/creators", 409, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:conflict", "title": "Conflict with existing data", "status": 409, "detail": "@analima is already Ana Lima's."}`)},
		{"list invalid", "GET", "/api/v1/creators?limit=500", 422, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:invalid", "title": "Some fields are not valid", "status": 422}`)},
	} {
		t.Run(x.name, func(t *testing.T) {
			if errs := run(t, x); len(errs) > 0 {
				t.Errorf("a correct response was rejected:\n%s", strings.Join(errs, "\n"))
			}
		})
	}
}

func TestValidateRejectsWrongResponses(t *testing.T) {
	withHeader := func(h http.Header, k, v string) http.Header { h.Set(k, v); return h }
	for _, x := range []struct {
		exchange
		want []string // every one must appear in the failure message
	}{
		{exchange{"missing field", "GET", "/api/v1/creators/12", 200, jsonHeader(),
			creator(t, func(c map[string]any) { delete(c, "display_name") })},
			[]string{"GET /api/v1/creators/12 → 200", "display_name"}},
		{exchange{"wrong type", "GET", "/api/v1/creators/12", 200, jsonHeader(),
			creator(t, func(c map[string]any) { c["followers_total"] = "120k" })},
			[]string{"GET /api/v1/creators/12 → 200", "followers_total"}},
		{exchange{"two violations", "GET", "/api/v1/creators/12", 200, jsonHeader(),
			creator(t, func(c map[string]any) { c["id"] = "12"; delete(c, "stage") })},
			[]string{"id", "stage"}},
		{exchange{"nested wrong type", "GET", "/api/v1/creators/12", 200, jsonHeader(),
			creator(t, func(c map[string]any) { c["social_accounts"].([]any)[0].(map[string]any)["followers"] = -1.5 })},
			[]string{"followers"}},
		{exchange{"null social accounts", "GET", "/api/v1/creators/12", 200, jsonHeader(),
			creator(t, func(c map[string]any) { c["social_accounts"] = nil })},
			[]string{"social_accounts"}},
		{exchange{"undocumented field", "GET", "/api/v1/creators/12", 200, jsonHeader(),
			creator(t, func(c map[string]any) { c["brand_id"] = 1 })},
			[]string{"brand_id"}},
		{exchange{"bad date-time", "GET", "/api/v1/creators/12", 200, jsonHeader(),
			creator(t, func(c map[string]any) { c["created_at"] = "27/02/2026" })},
			[]string{"created_at"}},
		{exchange{"list item wrong", "GET", "/api/v1/creators", 200, jsonHeader(),
			[]byte(`{"data": [{"id": 1}], "next_cursor": ""}`)},
			[]string{"GET /api/v1/creators → 200", "display_name"}},
		{exchange{"list without next_cursor", "GET", "/api/v1/creators", 200, jsonHeader(),
			[]byte(`{"data": []}`)},
			[]string{"next_cursor"}},
		{exchange{"undocumented status", "GET", "/api/v1/creators/12", 418, problemHeader(),
			[]byte(`{"type": "about:blank", "title": "teapot", "status": 418}`)},
			[]string{"GET /api/v1/creators/12 → 418", "418"}},
		{exchange{"undocumented 500", "DELETE", "/api/v1/creators/12", 500, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:internal", "title": "Internal error", "status": 500}`)},
			[]string{"DELETE /api/v1/creators/12 → 500", "500"}},
		{exchange{"route not in document", "GET", "/api/v1/campaigns", 200, jsonHeader(), []byte(`{}`)},
			[]string{"GET /api/v1/campaigns → 200", "/api/v1/campaigns"}},
		{exchange{"method not in document", "PUT", "/api/v1/creators/12", 200, jsonHeader(), creator(t, nil)},
			[]string{"PUT /api/v1/creators/12 → 200"}},
		{exchange{"wrong content type", "GET", "/api/v1/creators/12", 200, http.Header{"Content-Type": {"text/html"}}, []byte(`<html></html>`)},
			[]string{"GET /api/v1/creators/12 → 200", "text/html"}},
		{exchange{"not JSON", "GET", "/api/v1/creators/12", 200, jsonHeader(), []byte(`{"id": `)},
			[]string{"GET /api/v1/creators/12 → 200"}},
		{exchange{"problem without title", "GET", "/api/v1/creators/12", 404, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:not_found", "status": 404}`)},
			[]string{"GET /api/v1/creators/12 → 404", "title"}},
		{exchange{"error sent as plain JSON", "GET", "/api/v1/creators/12", 404, jsonHeader(),
			[]byte(`{"type": "urn:roster:problem:not_found", "title": "Not found", "status": 404}`)},
			[]string{"application/json"}},
		{exchange{"create without Location", "POST", "/api/v1/creators", 201, jsonHeader(), creator(t, nil)},
			[]string{"POST /api/v1/creators → 201", "Location"}},
		{exchange{"401 without WWW-Authenticate", "GET", "/api/v1/creators", 401, problemHeader(),
			[]byte(`{"type": "urn:roster:problem:unauthorized", "title": "Authentication required", "status": 401}`)},
			[]string{"WWW-Authenticate"}},
		{exchange{"me with wrong scopes", "GET", "/api/v1/me", 200, jsonHeader(),
			[]byte(`{"brand": {"id": 1, "slug": "acme", "name": "Acme"}, "token": {"id": 4, "name": "CI"}, "scopes": "creators:read"}`)},
			[]string{"scopes"}},
		{exchange{"replayed header not true", "POST", "/api/v1/creators", 201,
			withHeader(withHeader(jsonHeader(), "Location", "/api/v1/creators/12"), "Idempotent-Replayed", "yes"), creator(t, nil)},
			[]string{"Idempotent-Replayed"}},
	} {
		t.Run(x.name, func(t *testing.T) {
			errs := run(t, x.exchange)
			if len(errs) != 1 {
				t.Fatalf("want one failure, got %d: %q", len(errs), errs)
			}
			for _, w := range x.want {
				if !strings.Contains(strings.ToLower(errs[0]), strings.ToLower(w)) {
					t.Errorf("the failure does not mention %q:\n%s", w, errs[0])
				}
			}
			if testing.Verbose() {
				t.Logf("reported:\n%s", errs[0])
			}
		})
	}
}

func TestValidateIsSafeInParallel(t *testing.T) {
	good := creator(t, nil)
	bad := creator(t, func(c map[string]any) { delete(c, "email") })
	var wg sync.WaitGroup
	results := make([][]string, 16)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := good
			if i%2 == 1 {
				body = bad
			}
			rec := &recorder{TB: t}
			openapitest.Validate(rec, httptest.NewRequest("GET", "/api/v1/creators/12", nil), 200, jsonHeader(), body)
			results[i] = rec.errors
		}()
	}
	wg.Wait()
	for i, errs := range results {
		if (i%2 == 1) != (len(errs) == 1) {
			t.Errorf("goroutine %d: %d failures: %q", i, len(errs), errs)
		}
	}
}

func TestValidateNeedsARequest(t *testing.T) {
	rec := &recorder{TB: t}
	openapitest.Validate(rec, nil, 200, jsonHeader(), creator(t, nil))
	if len(rec.errors) != 1 {
		t.Errorf("a nil request was not reported: %q", rec.errors)
	}
}
