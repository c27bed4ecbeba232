package app_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

type problem struct {
	Type, Title, Detail string
	Status              int
	Errors              []struct{ Field, Message string }
}

func decodeProblem(t *testing.T, r *apptest.Response) problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.Unmarshal([]byte(r.Body), &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != r.Status {
		t.Errorf("problem status %d, response %d", p.Status, r.Status)
	}
	return p
}

func hasFieldError(field string) func(t *testing.T, r *apptest.Response) {
	return func(t *testing.T, r *apptest.Response) {
		t.Helper()
		for _, e := range decodeProblem(t, r).Errors {
			if e.Field == field && e.Message != "" {
				return
			}
		}
		t.Errorf("no error for field %q in %s", field, r.Body)
	}
}

// TestCreatorsAPIScenarios drives the creators API through create, read,
// patch, list, delete and every kind of bad input, on both engines; each
// response is validated against the OpenAPI document by the harness.
func TestCreatorsAPIScenarios(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Echo")
		tok := w.Token
		var id string
		env.Run(t, []apptest.Scenario{
			{Name: "create", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 201,
				Body:     `{"display_name":"Ana Lima","email":"ANA@Example.com","country":"br","languages":["pt-br"],"tags":[" Trail Running ","hiking"],"stage":"approved","social_accounts":[{"platform":"instagram","handle":"https://www.instagram.com/Ana.Lima/","followers":15400,"engagement_rate":4.2}]}`,
				Contains: []string{`"handle":"ana.lima"`, `"email":"ana@example.com"`, `"country":"BR"`, `"pt-BR"`, `"trail running"`, `"followers_total":15400`},
				Check: func(t *testing.T, r *apptest.Response) {
					var c struct{ ID json.Number }
					if err := json.Unmarshal([]byte(r.Body), &c); err != nil {
						t.Fatal(err)
					}
					id = c.ID.String()
					if loc := r.Header.Get("Location"); loc != "/api/v1/creators/"+id {
						t.Errorf("Location %q", loc)
					}
				}},
			{Name: "duplicate handle names the existing creator", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 409,
				Body: `{"display_name":"Someone Else","social_accounts":[{"platform":"instagram","handle":"@ANA.LIMA"}]}`, Contains: []string{"Ana Lima"},
				Check: hasFieldError("social_accounts[0].handle")},
			{Name: "missing name", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 422, Body: `{"email":"x@y.z"}`, Check: hasFieldError("display_name")},
			{Name: "several bad fields at once", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 422,
				Body: `{"display_name":"X","email":"not-an-email","country":"Narnia","stage":"famous","social_accounts":[{"platform":"myspace","handle":"x"}]}`,
				Check: func(t *testing.T, r *apptest.Response) {
					for _, f := range []string{"email", "country", "stage", "social_accounts[0].platform"} {
						hasFieldError(f)(t, r)
					}
				}},
			{Name: "wrong platform URL", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 422,
				Body: `{"display_name":"X","social_accounts":[{"platform":"instagram","handle":"https://www.tiktok.com/@someone"}]}`, Contains: []string{"TikTok"},
				Check: hasFieldError("social_accounts[0].handle")},
			{Name: "malformed JSON", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 400, Body: `{"display_name":`, Contains: []string{"not valid JSON"}},
			{Name: "unknown field", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 400, Body: `{"display_name":"X","nickname":"y"}`, Check: hasFieldError("nickname")},
			{Name: "wrong type", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 400, Body: `{"display_name":42}`, Contains: []string{"display_name"}},
			{Name: "wrong content type", Token: tok, Method: "POST", Path: "/api/v1/creators", Status: 400, Body: `{"display_name":"X"}`,
				Header: map[string]string{"Content-Type": "text/plain"}},
			{Name: "no token", Method: "GET", Path: "/api/v1/creators", Status: 401},
			{Name: "not found", Token: tok, Method: "GET", Path: "/api/v1/creators/999999", Status: 404},
			{Name: "non-numeric id", Token: tok, Method: "GET", Path: "/api/v1/creators/abc", Status: 404},
			{Name: "unknown API path", Token: tok, Method: "GET", Path: "/api/v1/nothing-here", Status: 404},
		})
		env.Run(t, []apptest.Scenario{
			{Name: "get", Token: tok, Method: "GET", Path: "/api/v1/creators/" + id, Status: 200, Contains: []string{`"display_name":"Ana Lima"`, `"metrics_source":"api"`}},
			{Name: "patch some fields", Token: tok, Method: "PATCH", Path: "/api/v1/creators/" + id, Status: 200,
				Body: `{"stage":"active","owner_user_id":null,"tags":["hiking"]}`, Contains: []string{`"stage":"active"`, `"display_name":"Ana Lima"`, `"tags":["hiking"]`, `"handle":"ana.lima"`}},
			{Name: "patch bad stage", Token: tok, Method: "PATCH", Path: "/api/v1/creators/" + id, Status: 422, Body: `{"stage":"famous"}`, Check: hasFieldError("stage")},
			{Name: "list filtered", Token: tok, Method: "GET", Path: "/api/v1/creators?stage=active&platform=instagram&min_followers=10k&sort=-followers", Status: 200, Contains: []string{"Ana Lima"}},
			{Name: "list search", Token: tok, Method: "GET", Path: "/api/v1/creators?q=ana", Status: 200, Contains: []string{"Ana Lima"}},
			{Name: "list excludes by filter", Token: tok, Method: "GET", Path: "/api/v1/creators?country=US&q=ana", Status: 200, NotContains: []string{"Ana Lima"}},
			{Name: "list bad params", Token: tok, Method: "GET", Path: "/api/v1/creators?sort=height&limit=0&min_followers=lots", Status: 422,
				Check: func(t *testing.T, r *apptest.Response) {
					for _, f := range []string{"sort", "limit", "min_followers"} {
						hasFieldError(f)(t, r)
					}
				}},
			{Name: "tampered cursor", Token: tok, Method: "GET", Path: "/api/v1/creators?cursor=garbage", Status: 422, Check: hasFieldError("cursor")},
			{Name: "delete", Token: tok, Method: "DELETE", Path: "/api/v1/creators/" + id, Status: 204},
			{Name: "gone", Token: tok, Method: "GET", Path: "/api/v1/creators/" + id, Status: 404},
		})
	})
}

// TestCreatorsAPIPaginationAndIdempotency pages through a list with the
// cursor and checks that a retried create with the same key creates once.
func TestCreatorsAPIPaginationAndIdempotency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Foxtrot")
		for i, name := range []string{"Zoe", "Yann", "Xia", "Will", "Vera"} {
			body := `{"display_name":"` + name + `","social_accounts":[{"platform":"tiktok","handle":"@` + strings.ToLower(name) + `","followers":` + string(rune('1'+i)) + `000}]}`
			if r := env.API(w.Token, "POST", "/api/v1/creators", body); r.Status != 201 {
				t.Fatalf("create %s: %d %s", name, r.Status, r.Body)
			}
		}
		seen := map[string]bool{}
		path := "/api/v1/creators?platform=tiktok&sort=name&limit=2"
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("cursor never ended")
			}
			r := env.API(w.Token, "GET", path, "")
			var page struct {
				Data []struct {
					DisplayName string `json:"display_name"`
				}
				NextCursor string `json:"next_cursor"`
			}
			if err := json.Unmarshal([]byte(r.Body), &page); err != nil || r.Status != 200 {
				t.Fatalf("%d %s %v", r.Status, r.Body, err)
			}
			for _, c := range page.Data {
				if seen[c.DisplayName] {
					t.Errorf("%s twice", c.DisplayName)
				}
				seen[c.DisplayName] = true
			}
			if page.NextCursor == "" {
				break
			}
			path = "/api/v1/creators?platform=tiktok&sort=name&limit=2&cursor=" + page.NextCursor
		}
		if len(seen) != 5 {
			t.Errorf("paged through %d creators, want 5: %v", len(seen), seen)
		}

		body := `{"display_name":"Idem Potent","social_accounts":[{"platform":"youtube","handle":"@idempotent"}]}`
		first := env.API(w.Token, "POST", "/api/v1/creators", body, "Idempotency-Key", "key-1")
		again := env.API(w.Token, "POST", "/api/v1/creators", body, "Idempotency-Key", "key-1")
		if first.Status != 201 || again.Status != 201 || first.Body != again.Body || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay: %d %d replayed=%q\n%s\n%s", first.Status, again.Status, again.Header.Get("Idempotent-Replayed"), first.Body, again.Body)
		}
		other := env.API(w.Token, "POST", "/api/v1/creators", `{"display_name":"Different"}`, "Idempotency-Key", "key-1")
		if other.Status != http.StatusUnprocessableEntity {
			t.Errorf("same key, other body: %d, want 422", other.Status)
		}
		var n int
		if err := d.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM creators WHERE display_name = 'Idem Potent'`).Scan(&n); err != nil || n != 1 {
			t.Errorf("creators made by the retried request: %d (%v), want 1", n, err)
		}
		// The key belongs to the brand: another brand may use the same one.
		w2 := env.NewWorld("Golf")
		if r := env.API(w2.Token, "POST", "/api/v1/creators", body, "Idempotency-Key", "key-1"); r.Status != 201 || r.Header.Get("Idempotent-Replayed") != "" {
			t.Errorf("other brand, same key: %d replayed=%q", r.Status, r.Header.Get("Idempotent-Replayed"))
		}
	})
}
