package app_test

import (
	"encoding/json"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// TestSavedFiltersAPI saves, reads, renames and deletes a creator-list
// filter through the API, with every kind of bad input, on both engines;
// the harness validates each response against the OpenAPI document.
func TestSavedFiltersAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Saved")
		other := env.NewWorld("Elsewhere")
		tok, reader := w.Token, env.Token(w.Brand.ID, auth.CreatorsRead)
		var id string
		env.Run(t, []apptest.Scenario{
			{Name: "save", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 201,
				Body:     `{"name":" US beauty ","query":"/creators?tag=Beauty&country=us&sort=-created&limit=20"}`,
				Contains: []string{`"name":"US beauty"`, `"query":"country=US\u0026tag=beauty"`, `"created_by_user_id":null`},
				Check: func(t *testing.T, r *apptest.Response) {
					var f struct{ ID json.Number }
					if err := json.Unmarshal([]byte(r.Body), &f); err != nil {
						t.Fatal(err)
					}
					id = f.ID.String()
					if loc := r.Header.Get("Location"); loc != "/api/v1/saved-filters/"+id {
						t.Errorf("Location %q", loc)
					}
				}},
			{Name: "a name taken in another case", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 409,
				Body: `{"name":"us BEAUTY","query":"stage=active"}`, Check: hasFieldError("name")},
			{Name: "bad parameters, each named", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 422,
				Body: `{"name":"Bad","query":"min_followers=lots&sort=height&colour=red"}`,
				Check: func(t *testing.T, r *apptest.Response) {
					for _, f := range []string{"query.min_followers", "query.sort", "query"} {
						hasFieldError(f)(t, r)
					}
				}},
			{Name: "no name", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 422, Body: `{"query":"tag=x"}`, Check: hasFieldError("name")},
			{Name: "unknown field", Token: tok, Method: "POST", Path: "/api/v1/saved-filters", Status: 400, Body: `{"name":"X","filters":"tag=x"}`},
			{Name: "list with read access", Token: reader, Method: "GET", Path: "/api/v1/saved-filters", Status: 200, Contains: []string{`"US beauty"`, `"next_cursor":""`}},
			{Name: "another brand lists only its own", Token: other.Token, Method: "GET", Path: "/api/v1/saved-filters", Status: 200, NotContains: []string{"US beauty"}},
			{Name: "read access cannot save", Token: reader, Method: "POST", Path: "/api/v1/saved-filters", Status: 403, Body: `{"name":"Nope","query":""}`},
		})
		env.Run(t, []apptest.Scenario{
			{Name: "get", Token: reader, Method: "GET", Path: "/api/v1/saved-filters/" + id, Status: 200, Contains: []string{`"US beauty"`}},
			{Name: "rename", Token: tok, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 200,
				Body: `{"name":"US beauty creators"}`, Contains: []string{`"name":"US beauty creators"`, `"query":"country=US\u0026tag=beauty"`}},
			{Name: "change the query", Token: tok, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 200,
				Body: `{"query":"country=US&tag=beauty&min_followers=10k"}`, Contains: []string{`"name":"US beauty creators"`, `min_followers=10000`}},
			{Name: "a bad query change", Token: tok, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 422,
				Body: `{"query":"max_followers=-3"}`, Check: hasFieldError("query.max_followers")},
			{Name: "another brand's token gets 404", Token: other.Token, Method: "GET", Path: "/api/v1/saved-filters/" + id, Status: 404},
			{Name: "another brand cannot rename", Token: other.Token, Method: "PATCH", Path: "/api/v1/saved-filters/" + id, Status: 404, Body: `{"name":"Mine"}`},
			{Name: "another brand cannot delete", Token: other.Token, Method: "DELETE", Path: "/api/v1/saved-filters/" + id, Status: 404},
			{Name: "delete", Token: tok, Method: "DELETE", Path: "/api/v1/saved-filters/" + id, Status: 204},
			{Name: "gone", Token: tok, Method: "GET", Path: "/api/v1/saved-filters/" + id, Status: 404},
		})
	})
}
