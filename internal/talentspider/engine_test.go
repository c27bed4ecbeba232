package talentspider

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/i18n"
)

// world is the constructed installation the ranking tests run on.
type world struct {
	*fixture
	home, other, third int64
}

func newWorld(t *testing.T, d *db.DB) *world {
	w := &world{fixture: newFixture(t, d)}
	w.home, w.other, w.third = w.brand("Home"), w.brand("Other Brand"), w.brand("Third Brand")
	w.seedHome(w.home)
	// One person in two other brands: the third brand's metrics are newer.
	w.add(w.other, spec{handle: "dup", country: "US", langs: []string{"en"}, tags: []string{"fitness", "private-label"},
		followers: 40_000, rate: 1.2, name: "Other Private Name", email: "dup@other.test", notes: "SECRET NOTE"})
	w.add(w.third, spec{handle: "dup", country: "US", langs: []string{"en", "es"}, tags: []string{"yoga"}, followers: 60_000, rate: 4.8})
	w.add(w.other, spec{handle: "full", country: "US", langs: []string{"en"}, tags: []string{"yoga"}, followers: 50_000, rate: 4.8})
	w.add(w.other, spec{handle: "gone", country: "US", langs: []string{"en"}, tags: []string{"yoga"}, followers: 50_000, rate: 4.8})
	w.add(w.home, spec{handle: "prosp", stage: "prospect", country: "US", langs: []string{"en"}, tags: []string{"yoga"}, followers: 30_000, rate: 2.4})
	w.add(w.other, spec{handle: "fitfr", country: "FR", langs: []string{"fr"}, tags: []string{"fitness"}, followers: 6_000, rate: 2.0})
	w.add(w.other, spec{handle: "partial", country: "US", langs: []string{"en"}, followers: 2_000_000, rate: 0.45})
	w.add(w.other, spec{handle: "nothing", country: "BR", langs: []string{"pt"}, tags: []string{"cooking"}, followers: 200_000, rate: 0.8})
	// A person the home brand already has (as an alumna), known elsewhere
	// with a second account: neither account is suggested.
	w.add(w.home, spec{handle: "homestar", stage: "alumni", country: "US", langs: []string{"en"}, tags: []string{"yoga"}, followers: 50_000, rate: 4.8})
	w.now = w.now.Add(1e9)
	if _, err := w.svc.Create(context.Background(), principal(w.other), creator.Fields{DisplayName: "Star", Stage: "active",
		Country: "US", Languages: []string{"en"}, Tags: []string{"yoga"},
		SocialAccounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: "homestar", Followers: 50_000, EngagementRate: 4.8},
			{Platform: "tiktok", Handle: "homestar_tt", Followers: 50_000, EngagementRate: 4.8}}}); err != nil {
		t.Fatal(err)
	}
	return w
}

func handles(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Handle
	}
	return out
}

func find(t *testing.T, ss []Suggestion, handle string) Suggestion {
	t.Helper()
	for _, s := range ss {
		if s.Handle == handle {
			return s
		}
	}
	t.Fatalf("%s is not suggested (got %v)", handle, handles(ss))
	return Suggestion{}
}

func TestRankingFollowsTheFormula(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		e := &Engine{DB: d}
		res, err := e.Suggest(context.Background(), w.home, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Seed != 10 || res.Top != 10 {
			t.Errorf("seed %d, top %d; want 10 and 10", res.Seed, res.Top)
		}
		// Every axis > some axes > none (absent); equal scores by handle.
		want := []string{"dup", "full", "gone", "prosp", "fitfr", "partial"}
		if got := handles(res.Suggestions); !reflect.DeepEqual(got, want) {
			t.Fatalf("order %v; want %v", got, want)
		}
		scores := map[string]float64{"dup": 93, "full": 72, "gone": 72, "prosp": 64.5, "fitfr": 41.8, "partial": 33.3}
		for _, s := range res.Suggestions {
			if s.Score != scores[s.Handle] {
				t.Errorf("%s: score %v; want %v", s.Handle, s.Score, scores[s.Handle])
			}
		}
		// The merged person: freshest metrics, languages and shared tags
		// of both brands, only tags the home brand's top uses.
		dup := find(t, res.Suggestions, "dup")
		if dup.Followers != 60_000 || dup.EngagementRate != 4.8 || !reflect.DeepEqual(dup.Languages, []string{"en", "es"}) ||
			!reflect.DeepEqual(dup.Tags, []string{"fitness", "yoga"}) || dup.Source != SourceNetwork || dup.CreatorID != 0 {
			t.Errorf("dup merged as %+v", dup)
		}
		if p := find(t, res.Suggestions, "prosp"); p.Source != SourceProspect || p.CreatorID == 0 {
			t.Errorf("prosp: %+v", p)
		}
		for _, s := range res.Suggestions {
			if s.ID != Key(w.home, s.Platform, s.Handle) {
				t.Errorf("%s: id %s is not its key", s.Handle, s.ID)
			}
		}
	})
}

func TestReasonsAppearExactlyWhenTheyHold(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		res, err := (&Engine{DB: d}).Suggest(context.Background(), w.home, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		l := i18n.For("en")
		want := map[string][]string{
			// Five reasons hold; the smallest (tier, 13.5, after language by axis order) is left out.
			"full": {"based in US, like 8 of your 10 creators", "engagement 2.0× the micro (10K–100K) tier median (2.4%)",
				"same niche as 4 of your top 10 (yoga)", "speaks en, like 9 of your 10 creators"},
			"dup": {"same niche as 10 of your top 10 (fitness, yoga)", "based in US, like 8 of your 10 creators",
				"engagement 2.0× the micro (10K–100K) tier median (2.4%)", "speaks en, like 9 of your 10 creators"},
			// Engagement at exactly the median holds but adds least (7.5).
			"prosp": {"based in US, like 8 of your 10 creators", "same niche as 4 of your top 10 (yoga)",
				"speaks en, like 9 of your 10 creators", "micro (10K–100K) tier, like 9 of your 10 creators"},
			// No country in common, engagement half the median: neither shows.
			"fitfr": {"same niche as 10 of your top 10 (fitness)", "speaks fr, like 1 of your 10 creators",
				"nano (under 10K) tier, like 1 of your 10 creators"},
			"partial": {"based in US, like 8 of your 10 creators", "speaks en, like 9 of your 10 creators"},
		}
		for handle, texts := range want {
			s := find(t, Explained(l, res.Suggestions), handle)
			var got []string
			for _, r := range s.Reasons {
				got = append(got, r.Text)
			}
			if !reflect.DeepEqual(got, texts) {
				t.Errorf("%s reasons:\n got  %q\n want %q", handle, got, texts)
			}
		}
		full := find(t, res.Suggestions, "full")
		if r := full.Reasons[0]; r.Kind != ReasonCountry || r.Points != 16 || r.Count != 8 || r.Of != 10 || r.Value != "US" {
			t.Errorf("full's first reason: %+v", r)
		}
		es := Explain(i18n.For("es"), full.Reasons[1])
		if es != "interacción 2,0× la mediana del nivel micro (10 mil–100 mil) (2,4\u00a0%)" {
			t.Errorf("Spanish: %q", es)
		}
	})
}

func TestExcludedAndDismissedNeverAppear(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		svc := NewService(d, w.clock)
		ctx := context.Background()
		p := principal(w.home)
		gone := Key(w.home, "instagram", "gone")
		if _, err := svc.Dismiss(ctx, p, gone, "not our style"); err != nil {
			t.Fatal(err)
		}
		for _, f := range []Filter{{}, {Country: "US"}, {Platform: "instagram"}} {
			res, err := svc.Engine.Suggest(ctx, w.home, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range res.Suggestions {
				switch s.Handle {
				case "gone", "homestar", "homestar_tt", "nothing", "seed01", "seed10":
					t.Errorf("filter %+v: %s is suggested", f, s.Handle)
				}
			}
		}
		// Dismissing again, or dismissing a key of another brand: not found.
		for _, id := range []string{gone, Key(w.other, "instagram", "full"), "123", "x"} {
			if _, err := svc.Dismiss(ctx, p, id, ""); !isCode(err, apperr.NotFound) {
				t.Errorf("dismiss %s: %v; want not found", id, err)
			}
		}
		// The dismissal is audited with its reason.
		events, err := audit.List(ctx, d, w.home, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, ev := range events {
			if ev.Action == "dismiss" && ev.Entity == "suggestion" && ev.EntityID == "instagram:gone" {
				found = true
			}
		}
		if !found {
			t.Errorf("no audit event for the dismissal in %+v", events)
		}
		// Filters.
		res, err := svc.Engine.Suggest(ctx, w.home, Filter{Country: "FR"})
		if err != nil || !reflect.DeepEqual(handles(res.Suggestions), []string{"fitfr"}) {
			t.Errorf("country FR: %v %v", handles(res.Suggestions), err)
		}
		if res, _ := svc.Engine.Suggest(ctx, w.home, Filter{Platform: "youtube"}); len(res.Suggestions) != 0 {
			t.Errorf("platform youtube: %v", handles(res.Suggestions))
		}
	})
}

func TestAddingMakesAProspectAndEndsTheSuggestion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		svc := NewService(d, w.clock)
		ctx := context.Background()
		p := principal(w.home)
		c, err := svc.Add(ctx, p, Key(w.home, "instagram", "dup"))
		if err != nil {
			t.Fatal(err)
		}
		if c.Stage != "prospect" || c.DisplayName != "dup" || c.Country != "US" || c.Email != "" || c.Notes != "" ||
			!reflect.DeepEqual(c.Tags, []string{"fitness", "yoga"}) || len(c.SocialAccounts) != 1 ||
			c.SocialAccounts[0].Followers != 60_000 || c.SocialAccounts[0].MetricsSource != "talentspider" {
			t.Errorf("added creator: %+v", c)
		}
		res, err := svc.Engine.Suggest(ctx, w.home, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		// dup is now the brand's own prospect, added from here: not suggested.
		for _, s := range res.Suggestions {
			if s.Handle == "dup" {
				t.Errorf("dup still suggested: %+v", s)
			}
		}
		if _, err := svc.Add(ctx, p, Key(w.home, "instagram", "prosp")); !isCode(err, apperr.Conflict) {
			t.Errorf("adding an own prospect: %v; want conflict", err)
		}
		if _, err := svc.Add(ctx, p, Key(w.home, "instagram", "nothing")); !isCode(err, apperr.NotFound) {
			t.Errorf("adding a non-suggestion: %v; want not found", err)
		}
	})
}

func TestOtherBrandsPrivateFieldsNeverLeave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		res, err := (&Engine{DB: d}).Suggest(context.Background(), w.home, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(Explained(i18n.For("en"), res.Suggestions))
		for _, secret := range []string{"SECRET NOTE", "dup@other.test", "Other Private Name", "private-label", "Other Brand",
			"Third Brand", "other-brand", "cooking", "active", "approved", "owner"} {
			if strings.Contains(string(b), secret) {
				t.Errorf("suggestions contain %q: %s", secret, b)
			}
		}
	})
}

func isCode(err error, code apperr.Code) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == code
}
