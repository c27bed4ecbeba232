package kb_test

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/kb"
)

func writer() *auth.Principal {
	return auth.NewPrincipal(auth.Principal{TokenName: "fixture"}, []auth.Permission{auth.KBWrite})
}

func service(d *db.DB) *kb.Service {
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	return &kb.Service{DB: d, Now: func() time.Time { now = now.Add(time.Second); return now }}
}

func draft(slug, audience string, versions map[string]kb.Version) kb.Draft {
	return kb.Draft{Slug: slug, Category: "campaigns", Audience: audience, Versions: versions}
}

func mustCreate(t *testing.T, s *kb.Service, d kb.Draft) *kb.Article {
	t.Helper()
	a, err := s.Create(context.Background(), writer(), d)
	if err != nil {
		t.Fatalf("create %s: %v", d.Slug, err)
	}
	return a
}

func titles(list []kb.Summary) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Title)
	}
	return out
}

func TestSearchFindsWordsWithAndWithoutAccentsInEveryLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := service(d)
		mustCreate(t, s, draft("set-up-a-campaign", kb.AudienceBrand, map[string]kb.Version{
			"en": {Title: "Set up a campaign", Body: "Write the brief, add deliverables and set the budget."},
			"es": {Title: "Crear una campaña", Body: "Escribe el briefing, añade los entregables y fija el presupuesto."},
			"fr": {Title: "Créer une campagne", Body: "Rédigez le brief et fixez le budget."},
			"de": {Title: "Eine Kampagne anlegen", Body: "Schreiben Sie das Briefing; Größe und Budget festlegen."},
			"ja": {Title: "キャンペーンを作成する", Body: "概要を書き、予算を設定します。知識ベースも参照してください。"},
		}))
		mustCreate(t, s, draft("cafe-creators", kb.AudienceBrand, map[string]kb.Version{
			"en": {Title: "Creators who post from a cafe", Body: "Plain text with no accents at all."},
		}))
		mustCreate(t, s, draft("portal-only", kb.AudienceCreator, map[string]kb.Version{
			"en": {Title: "Your campaign in the portal", Body: "Only creators read this."},
		}))
		for _, tc := range []struct {
			query, locale string
			want          []string
		}{
			{"campana", "en", []string{"Set up a campaign"}},          // unaccented finds "campaña"
			{"campaña", "es", []string{"Crear una campaña"}},          // and shows the Spanish title
			{"CAMPAÑA", "en", []string{"Set up a campaign"}},          // any case
			{"créer", "fr", []string{"Créer une campagne"}},           // accented query, accented text
			{"creer", "de", []string{"Eine Kampagne anlegen"}},        // unaccented query; German reader
			{"grosse", "en", nil},                                     // ß is not folded to ss: no false friend
			{"größe", "en", []string{"Set up a campaign"}},            // but it matches itself
			{"cafe", "en", []string{"Creators who post from a cafe"}}, // plain ASCII
			{"café", "en", []string{"Creators who post from a cafe"}}, // accented query finds plain text
			{"presup", "en", []string{"Set up a campaign"}},           // prefixes while typing
			{"予算", "ja", []string{"キャンペーンを作成する"}},                     // Japanese by bigrams
			{"知識ベース", "en", []string{"Set up a campaign"}},            // a longer run: every bigram
			{"算", "ja", []string{"キャンペーンを作成する"}},                      // one character
			{"予定", "ja", nil},                                         // a bigram that is not there
			{"budget brief", "en", []string{"Set up a campaign"}},     // every word must match
			{"budget portal", "en", nil},                              // across audiences: no
			{"", "en", nil},
			{`"*^:'`, "en", nil}, // punctuation only: no terms, no error
		} {
			got, _, err := kb.Search(ctx, d, kb.AudienceBrand, tc.query, tc.locale, 20)
			if err != nil {
				t.Fatalf("search %q: %v", tc.query, err)
			}
			if !reflect.DeepEqual(titles(got), tc.want) {
				t.Errorf("search %q (%s): %q, want %q", tc.query, tc.locale, titles(got), tc.want)
			}
		}
		// Creators' search sees only creator-facing articles.
		got, _, err := kb.Search(ctx, d, kb.AudienceCreator, "campaign", "en", 20)
		if err != nil || !reflect.DeepEqual(titles(got), []string{"Your campaign in the portal"}) {
			t.Errorf("creator search: %q, %v", titles(got), err)
		}
	})
}

func TestSearchRanksTitlesFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := service(d)
		mustCreate(t, s, draft("body-mention", kb.AudienceBrand, map[string]kb.Version{
			"en": {Title: "Reading reports", Body: "Utilization appears in a report now and then, utilization."}}))
		mustCreate(t, s, draft("title-mention", kb.AudienceBrand, map[string]kb.Version{
			"en": {Title: "Utilization explained", Body: "Hours used against hours committed."}}))
		got, more, err := kb.Search(context.Background(), d, kb.AudienceBrand, "utilization", "en", 20)
		if err != nil || more || !reflect.DeepEqual(titles(got), []string{"Utilization explained", "Reading reports"}) {
			t.Errorf("ranking: %q, more %v, %v", titles(got), more, err)
		}
		// A shorter list keeps the best and says more match; a list
		// exactly as long as the matches does not.
		got, more, err = kb.Search(context.Background(), d, kb.AudienceBrand, "utilization", "en", 1)
		if err != nil || !more || !reflect.DeepEqual(titles(got), []string{"Utilization explained"}) {
			t.Errorf("best 1: %q, more %v, %v", titles(got), more, err)
		}
		if _, more, err = kb.Search(context.Background(), d, kb.AudienceBrand, "utilization", "en", 2); err != nil || more {
			t.Errorf("best 2 of 2: more %v, %v", more, err)
		}
	})
}

// An article is listed once, ranked by its best version: six versions
// with the word in the title do not push the next article off the list.
func TestSearchListsEachArticleOnceByItsBestVersion(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := service(d)
		versions := map[string]kb.Version{}
		for _, l := range kb.Locales {
			versions[l] = kb.Version{Title: "Coupon codes (" + l + ")", Body: "Coupon codes for creators."}
		}
		mustCreate(t, s, draft("coupons-everywhere", kb.AudienceBrand, versions))
		mustCreate(t, s, draft("coupon-once", kb.AudienceBrand, map[string]kb.Version{
			"en": {Title: "Reports", Body: "A coupon appears in reports."}}))
		ctx := context.Background()
		got, more, err := kb.Search(ctx, d, kb.AudienceBrand, "coupon", "fr", 1)
		if err != nil || !more || !reflect.DeepEqual(titles(got), []string{"Coupon codes (fr)"}) {
			t.Errorf("best 1: %q, more %v, %v", titles(got), more, err)
		}
		got, more, err = kb.Search(ctx, d, kb.AudienceBrand, "coupon", "fr", 5)
		if err != nil || more || !reflect.DeepEqual(titles(got), []string{"Coupon codes (fr)", "Reports"}) {
			t.Errorf("best 5: %q, more %v, %v", titles(got), more, err)
		}
	})
}

func TestReaderGetsTheirLanguageOrEnglish(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := service(d)
		a := mustCreate(t, s, draft("inbox", kb.AudienceBrand, map[string]kb.Version{
			"en": {Title: "Use the inbox", Body: "Answer creators **fast**."},
			"es": {Title: "Usar la bandeja", Body: "Responde a los creadores **rápido**."},
		}))
		for locale, want := range map[string]string{"es": "Usar la bandeja", "en": "Use the inbox", "ja": "Use the inbox", "pt-BR": "Use the inbox"} {
			v, lang := a.In(locale)
			if v.Title != want || (lang != locale && lang != "en") {
				t.Errorf("In(%s) = %q (%s), want %q", locale, v.Title, lang, want)
			}
			list, err := kb.List(ctx, d, kb.AudienceBrand, "", locale)
			if err != nil || len(list) != 1 || list[0].Title != want || !reflect.DeepEqual(list[0].Languages, []string{"en", "es"}) {
				t.Errorf("List in %s: %+v, %v", locale, list, err)
			}
		}
		if got := a.Languages(); !reflect.DeepEqual(got, []string{"en", "es"}) {
			t.Errorf("languages %v", got)
		}
		list, _ := kb.List(ctx, d, kb.AudienceBrand, "", "es")
		if list[0].Excerpt != "Responde a los creadores rápido." {
			t.Errorf("excerpt %q", list[0].Excerpt)
		}
		if list, _ := kb.List(ctx, d, kb.AudienceCreator, "", "en"); len(list) != 0 {
			t.Errorf("creators list shows brand articles: %+v", list)
		}
	})
}

func TestRevisionsRestoreExactly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := service(d)
		first := draft("log-time", kb.AudienceBrand, map[string]kb.Version{
			"en": {Title: "Log time", Body: "Start the timer.\n\n- one\n- two"},
			"es": {Title: "Registrar horas", Body: "Inicia el temporizador."},
		})
		a := mustCreate(t, s, first)
		second := draft("log-your-time", kb.AudienceCreator, map[string]kb.Version{
			"en": {Title: "Log your time", Body: "Changed."},
			"de": {Title: "Zeit erfassen", Body: "Neu."},
		})
		second.Category = "program"
		a2, err := s.Update(ctx, writer(), a.ID, a.Revision, second)
		if err != nil || a2.Revision != 2 {
			t.Fatalf("update: %+v %v", a2, err)
		}
		// An edit started from revision 1 now conflicts.
		if _, err := s.Update(ctx, writer(), a.ID, 1, first); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("stale edit: %v, want conflict", err)
		}
		restored, err := s.Restore(ctx, writer(), a.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if restored.Revision != 3 || !reflect.DeepEqual(restored.Draft(), first) {
			t.Errorf("restored %+v, want %+v", restored.Draft(), first)
		}
		// The search index follows: the German version is gone, the
		// Spanish one is back.
		if got, _, _ := kb.Search(ctx, d, kb.AudienceCreator, "zeit", "en", 5); len(got) != 0 {
			t.Errorf("German version still found after restore: %+v", got)
		}
		if got, _, _ := kb.Search(ctx, d, kb.AudienceBrand, "temporizador", "es", 5); len(titles(got)) != 1 || got[0].Title != "Registrar horas" {
			t.Errorf("Spanish version not found after restore: %+v", got)
		}
		revs, err := kb.Revisions(ctx, d, a.ID)
		if err != nil || len(revs) != 3 {
			t.Fatalf("revisions %+v %v", revs, err)
		}
		if revs[0].Action != "restore" || revs[0].RestoredFrom != 1 || revs[1].Action != "update" || revs[2].Action != "create" ||
			!reflect.DeepEqual(revs[1].Draft, second) || revs[0].Author != "token:fixture" {
			t.Errorf("revisions %+v", revs)
		}
		var events int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM audit_events WHERE entity = 'kb_article' AND entity_id = ? AND brand_id IS NULL`,
			strconv.FormatInt(a.ID, 10)).Scan(&events); err != nil || events != 3 {
			t.Errorf("audit events %d %v, want 3", events, err)
		}
		if _, err := s.Restore(ctx, writer(), a.ID, 9); apperr.CodeOf(err) != apperr.NotFound {
			t.Errorf("restore of a missing revision: %v", err)
		}
	})
}

func TestOnlyWritersWriteAndDraftsAreChecked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := service(d)
		reader := auth.NewPrincipal(auth.Principal{TokenName: "reader", BrandID: 1}, auth.PermissionsOf(auth.BrandExecutive))
		ok := draft("fine", kb.AudienceBrand, map[string]kb.Version{"en": {Title: "Fine", Body: "Fine."}})
		if _, err := s.Create(ctx, reader, ok); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("brand executive creating: %v, want forbidden", err)
		}
		a := mustCreate(t, s, ok)
		if _, err := s.Update(ctx, reader, a.ID, 0, ok); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("brand executive updating: %v", err)
		}
		if _, err := s.Restore(ctx, reader, a.ID, 1); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("brand executive restoring: %v", err)
		}
		for _, tc := range []struct {
			d      kb.Draft
			fields []string
		}{
			{kb.Draft{}, []string{"slug", "category", "audience", "versions.en.title"}},
			{kb.Draft{Slug: "Bad Slug!", Category: "nope", Audience: "everyone",
				Versions: map[string]kb.Version{"xx": {Title: "x", Body: "y"}, "es": {Title: "Sólo título"}}},
				[]string{"slug", "category", "audience", "versions.xx", "versions.es.body", "versions.en.title"}},
			{draft("fine", kb.AudienceBrand, map[string]kb.Version{"en": {Title: "Again", Body: "Taken slug."}}), []string{"slug"}},
			{draft("long", kb.AudienceBrand, map[string]kb.Version{"en": {Title: strings.Repeat("t", 161), Body: "b"}}), []string{"versions.en.title"}},
		} {
			_, err := s.Create(ctx, writer(), tc.d)
			e, isApp := apperr.As(err)
			if !isApp || e.Code != apperr.Invalid {
				t.Errorf("create %+v: %v, want invalid", tc.d, err)
				continue
			}
			var got []string
			for _, f := range e.Fields {
				got = append(got, f.Field)
			}
			for _, want := range tc.fields {
				if !strings.Contains(strings.Join(got, " "), want) {
					t.Errorf("create %+v: fields %v lack %s", tc.d, got, want)
				}
			}
		}
		// A language with neither title nor body is simply absent; every
		// supported locale code is accepted.
		all := map[string]kb.Version{"pt-BR": {}, "en": {Title: "E", Body: "e"}}
		for _, l := range []string{"es", "fr", "de", "ja"} {
			all[l] = kb.Version{Title: l, Body: l}
		}
		a, err := s.Create(ctx, writer(), draft("six", kb.AudienceBrand, all))
		if err != nil || !reflect.DeepEqual(a.Languages(), []string{"en", "es", "fr", "de", "ja"}) {
			t.Errorf("six languages: %v %v", a, err)
		}
	})
}
