package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/applications"
	"github.com/rosterhq/roster/internal/apptest"
	"github.com/rosterhq/roster/internal/audit"
	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
	"github.com/rosterhq/roster/internal/mail"
)

// settingsForm opens the page with one required choice question and a
// rubric of three default criteria (brand safety removed) plus a new one.
func settingsForm() url.Values {
	return url.Values{
		"enabled": {"1"}, "intro.en": {"Create with us.\n\nWe love outdoor content."}, "intro.es": {"Crea con nosotros."},
		"min_followers": {"10k"}, "max_followers": {"200k"}, "countries": {"MX, US"}, "languages": {"es"}, "platforms": {"instagram"},
		"question.0.id": {""}, "question.0.kind": {"single_choice"}, "question.0.required": {"1"},
		"question.0.label.en": {"What do you make?"}, "question.0.label.es": {"¿Qué contenido haces?"},
		"question.0.options.en": {"Video\nPhotos"}, "question.0.options.es": {"Video\nFotos"},
		"question.1.id": {""}, "question.1.kind": {"short_text"}, "question.1.label.en": {""}, "question.1.label.es": {""},
		"criterion.0.key": {"audience_fit"}, "criterion.0.weight": {"3"},
		"criterion.1.key": {"content_quality"}, "criterion.1.weight": {"1"},
		"criterion.2.key": {"engagement"}, "criterion.2.weight": {"1"},
		"criterion.3.key": {"brand_safety"}, "criterion.3.weight": {"0"},
		"criterion.4.key": {""}, "criterion.4.label.en": {"Storytelling"}, "criterion.4.label.es": {"Narrativa"}, "criterion.4.weight": {"2"},
	}
}

func applyForm(name, email, platform, handle, followers string) url.Values {
	return url.Values{"display_name": {name}, "email": {email}, "country": {"MX"}, "languages": {"es"},
		"accounts.0.platform": {platform}, "accounts.0.handle": {handle}, "accounts.0.followers": {followers}, "accounts.0.engagement_rate": {"2.5"},
		"q.q1": {"1"}, "homepage": {""}}
}

func brandOutbox(t *testing.T, d *db.DB, brandID int64) []mail.Outboxed {
	t.Helper()
	msgs, err := mail.List(context.Background(), d, brandID, 200, 0)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func mailTo(msgs []mail.Outboxed, to, kind string) *mail.Outboxed {
	for i := range msgs {
		if msgs[i].To == to && msgs[i].Kind == kind {
			return &msgs[i]
		}
	}
	return nil
}

func TestApplicationsEndToEnd(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		ctx := context.Background()
		w := env.NewWorld("Juliet")
		other := env.NewWorld("Kilo")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		page := "/apply/" + w.Brand.Slug

		// Closed until configured.
		if res := env.Anonymous().Get(page); res.Status != 200 || !strings.Contains(res.Body, "not taking applications") {
			t.Fatalf("closed page: %d", res.Status)
		}
		// Settings, with the rubric edited.
		if res := cm.PostForm("/applications/settings", settingsForm()); res.Status != 303 {
			t.Fatalf("settings: %d %s", res.Status, res.Body)
		}
		cfg, err := applications.LoadConfig(ctx, d, w.Brand.ID)
		if err != nil || !cfg.Enabled || len(cfg.Questions) != 1 || len(cfg.Rubric) != 4 || cfg.Rubric[0].Weight != 3 || cfg.Rubric[3].Key != "c1" {
			t.Fatalf("saved config: %+v %v", cfg, err)
		}
		bad := settingsForm()
		bad.Set("criterion.0.weight", "eleven")
		if res := cm.PostForm("/applications/settings", bad); res.Status != 422 || !strings.Contains(res.Body, `id="criterion.0.weight-error"`) {
			t.Fatalf("bad weight: %d", res.Status)
		}

		// The page in Spanish from Accept-Language; errors by their fields in Spanish.
		es := env.Anonymous()
		res := es.Do("GET", page, nil, http.Header{"Accept-Language": {"es-MX,es;q=0.9"}})
		for _, want := range []string{"Postúlate para trabajar con Juliet", "Crea con nosotros.", "¿Qué contenido haces?", "Fotos", `class="apply-hp"`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("Spanish page lacks %q", want)
			}
		}
		if strings.Contains(res.Body, "style=") {
			t.Error("inline style on the page")
		}
		form := applyForm("Ana", "no-es-correo", "instagram", "", "")
		form.Del("q.q1")
		res = es.Do("POST", page, strings.NewReader(form.Encode()), http.Header{"Accept-Language": {"es"}, "Content-Type": {"application/x-www-form-urlencoded"}})
		if res.Status != 422 {
			t.Fatalf("bad application: %d", res.Status)
		}
		for id, msg := range map[string]string{"email-error": "Ingresa un correo electrónico válido", "social_accounts-error": "Agrega al menos una red social",
			"q.q1-error": "Este campo es obligatorio"} {
			if !regexp.MustCompile(`id="` + regexp.QuoteMeta(id) + `">[^<]*` + regexp.QuoteMeta(msg)).MatchString(res.Body) {
				t.Errorf("no %q next to %s", msg, id)
			}
		}

		// A new applicant in Spanish: creator created, stage applied, email in Spanish.
		form = applyForm("Ana Ruiz", "ana@example.com", "instagram", "@Ana.Ruiz", "25k")
		form.Set("lang", "es")
		res = es.PostForm(page, form)
		if res.Status != 303 || !strings.Contains(res.Header.Get("Location"), "sent=ok") {
			t.Fatalf("good application: %d %s", res.Status, res.Body)
		}
		if res := es.Get(res.Header.Get("Location")); !strings.Contains(res.Body, "¡Gracias!") {
			t.Error("no thanks in Spanish")
		}
		list, err := applications.List(ctx, d, w.Brand.ID, applications.ListQuery{})
		if err != nil || len(list.Items) != 1 {
			t.Fatalf("applications: %v %v", list.Items, err)
		}
		ana := list.Items[0]
		anaCreator, err := creator.NewStore(d).Get(ctx, d, w.Brand.ID, *ana.CreatorID)
		if err != nil || anaCreator.Stage != "applied" || anaCreator.SocialAccounts[0].Handle != "ana.ruiz" || ana.Locale != "es" || len(ana.AutoReasons) == 0 {
			t.Fatalf("created creator %+v app %+v %v", anaCreator, ana, err)
		}
		if m := mailTo(brandOutbox(t, d, w.Brand.ID), "ana@example.com", "applications.email.received"); m == nil || !strings.Contains(m.Subject, "Recibimos tu postulación a Juliet") {
			t.Fatalf("Spanish confirmation: %+v", m)
		}

		// Duplicate by email, by handle, and an identical re-post: no new
		// application, and the same answer as a new one (saying "we have
		// it" would reveal who applied: TestApplicationPageDoesNotRevealEarlierApplicants).
		for _, f := range []url.Values{
			applyForm("Ana R", "ana@example.com", "tiktok", "ana_other", "1000"),
			applyForm("Someone", "someone@example.com", "instagram", "instagram.com/ana.ruiz", "1000"),
			applyForm("Ana Ruiz", "ana@example.com", "instagram", "@Ana.Ruiz", "25k"),
		} {
			res := env.Anonymous().PostForm(page, f)
			if res.Status != 303 || !strings.Contains(res.Header.Get("Location"), "sent=ok") {
				t.Fatalf("duplicate: %d %s", res.Status, res.Header.Get("Location"))
			}
		}
		if list, err := applications.List(ctx, d, w.Brand.ID, applications.ListQuery{}); err != nil || len(list.Items) != 1 {
			t.Fatalf("applications after duplicates: %d %v", len(list.Items), err)
		}

		// Linked by handle (the world's creator) and by email; a prospect becomes applied.
		en := env.Anonymous()
		if res := en.PostForm(page, applyForm("Star", "new-star@example.com", "instagram", "star_"+w.Brand.Slug, "30000")); res.Status != 303 {
			t.Fatalf("by handle: %d %s", res.Status, res.Body)
		}
		p := auth.NewPrincipal(auth.Principal{TokenName: "fixture", BrandID: w.Brand.ID}, nil)
		prospect, err := creator.NewService(d, env.Now).Create(ctx, p, creator.Fields{DisplayName: "Pro Spect", Email: "pro@example.com", Stage: "prospect"})
		if err != nil {
			t.Fatal(err)
		}
		if res := en.PostForm(page, applyForm("Pro", "Pro@Example.com", "youtube", "@prospect", "150000")); res.Status != 303 {
			t.Fatalf("by email: %d %s", res.Status, res.Body)
		}
		list, _ = applications.List(ctx, d, w.Brand.ID, applications.ListQuery{})
		byEmail := map[string]applications.Application{}
		for _, a := range list.Items {
			byEmail[a.Email] = a
		}
		if a := byEmail["new-star@example.com"]; a.CreatorID == nil || *a.CreatorID != w.Creator.ID {
			t.Errorf("not linked by handle: %+v", a)
		}
		if a := byEmail["pro@example.com"]; a.CreatorID == nil || *a.CreatorID != prospect.ID {
			t.Errorf("not linked by email: %+v", a)
		}
		if c, _ := creator.NewStore(d).Get(ctx, d, w.Brand.ID, prospect.ID); c.Stage != "applied" {
			t.Errorf("prospect stage %s", c.Stage)
		}
		if c, _ := creator.NewStore(d).Get(ctx, d, w.Brand.ID, w.Creator.ID); c.Stage != "active" {
			t.Errorf("an active creator who applies keeps the stage, got %s", c.Stage)
		}

		// Honeypot: answered like a success, nothing stored.
		hp := applyForm("Bot", "bot@example.com", "instagram", "botty", "1")
		hp.Set("homepage", "http://spam.example")
		if res := env.Anonymous().PostForm(page, hp); res.Status != 303 {
			t.Fatalf("honeypot: %d", res.Status)
		}
		// Rate limit per email.
		for i := range applications.MaxAttemptsPerEmail + 1 {
			f := applyForm("Flood", "flood@example.com", "instagram", "", "")
			res := env.Anonymous().PostForm(page, f)
			want := 422
			if i >= applications.MaxAttemptsPerEmail {
				want = 429
			}
			if res.Status != want {
				t.Fatalf("attempt %d: %d, want %d", i, res.Status, want)
			}
		}
		list, _ = applications.List(ctx, d, w.Brand.ID, applications.ListQuery{})
		if len(list.Items) != 3 {
			t.Fatalf("want 3 applications, got %d", len(list.Items))
		}

		// Two reviewers: combined weighted score, each person's shown.
		am := env.SignIn(w.Users[auth.AccountManager].Email)
		anaPath := "/applications/" + idText(ana.ID)
		score := func(c *apptest.Client, s map[string]string) {
			f := url.Values{"comment": {"nice"}}
			for k, v := range s {
				f.Set("score."+k, v)
			}
			if res := c.PostForm(anaPath+"/review", f); res.Status != 303 {
				t.Fatalf("review: %d", res.Status)
			}
		}
		score(cm, map[string]string{"audience_fit": "5", "content_quality": "3", "engagement": "4", "c1": "2"})
		score(am, map[string]string{"audience_fit": "3", "c1": "4"})
		got, _ := applications.Get(ctx, d, w.Brand.ID, ana.ID)
		// (3·5 + 3 + 4 + 2·2 + 3·3 + 2·4) / (3+1+1+2+3+2) = 43/12
		if got.TeamScore == nil || *got.TeamScore < 3.58 || *got.TeamScore > 3.59 {
			t.Fatalf("team score %v", got.TeamScore)
		}
		show := cm.Get(anaPath)
		for _, want := range []string{"Team score · 3.6 / 5", "Storytelling", "Audience fit", w.Users[auth.AccountManager].Email, "Engagement 2.5%"} {
			if !strings.Contains(show.Body, want) {
				t.Errorf("detail lacks %q", want)
			}
		}
		if res := cm.PostForm(anaPath+"/review", url.Values{"score.audience_fit": {"9"}}); res.Status != 303 {
			t.Errorf("out of range score: %d", res.Status)
		}

		// The queue: best first; approve and decline are plain form posts.
		q := cm.Get("/applications/review")
		if q.Status != 200 || !strings.Contains(q.Body, "data-review-queue") || !strings.Contains(q.Body, "data-queue-next") {
			t.Fatalf("queue: %d", q.Status)
		}
		res = cm.PostForm(anaPath+"/approve", url.Values{"back": {"/applications/review"}})
		if res.Status != 303 || res.Header.Get("Location") != "/applications/review" {
			t.Fatalf("approve: %d %s", res.Status, res.Header.Get("Location"))
		}
		star := byEmail["new-star@example.com"]
		if res := cm.PostForm("/applications/"+idText(star.ID)+"/decline", url.Values{"reason": {"Audience too young"}}); res.Status != 303 {
			t.Fatalf("decline: %d", res.Status)
		}
		if res := cm.PostForm(anaPath+"/approve", nil); res.Status != 303 {
			t.Fatalf("approve twice: %d", res.Status)
		}
		got, _ = applications.Get(ctx, d, w.Brand.ID, ana.ID)
		anaCreator, _ = creator.NewStore(d).Get(ctx, d, w.Brand.ID, *ana.CreatorID)
		if got.Status != "approved" || got.DecidedBy == nil || anaCreator.Stage != "approved" {
			t.Errorf("approved: %+v stage %s", got, anaCreator.Stage)
		}
		got, _ = applications.Get(ctx, d, w.Brand.ID, star.ID)
		starCreator, _ := creator.NewStore(d).Get(ctx, d, w.Brand.ID, w.Creator.ID)
		if got.Status != "declined" || got.DecisionReason != "Audience too young" || starCreator.Stage != "declined" {
			t.Errorf("declined: %+v stage %s", got, starCreator.Stage)
		}
		events, _ := audit.List(ctx, d, w.Brand.ID, 0, 200)
		actions := map[string]bool{}
		for _, e := range events {
			actions[e.Entity+" "+e.Action] = true
			if e.Entity == "creator" && e.Action == "set_stage" && e.EntityID == idText(w.Creator.ID) && e.Changes["reason"].To != "Audience too young" {
				t.Errorf("stage change without reason: %+v", e.Changes)
			}
		}
		for _, want := range []string{"application submit", "application review", "application approve", "application decline", "application_settings update", "creator set_stage"} {
			if !actions[want] {
				t.Errorf("no audit event %q", want)
			}
		}
		if m := mailTo(brandOutbox(t, d, w.Brand.ID), "ana@example.com", "applications.email.approved"); m == nil || !strings.Contains(m.Subject, "aprobó") {
			t.Errorf("approval mail in Spanish: %+v", m)
		}

		// Bulk decline: each applicant's email in their language.
		id1 := submitAs(t, env, w, "Lena", "lena@example.com", "en")
		id2 := submitAs(t, env, w, "Luz", "luz@example.com", "es")
		res = cm.PostForm("/applications/decline", url.Values{"ids": {idText(id1), idText(id2), idText(ana.ID)}, "reason": {""}})
		if res.Status != 303 {
			t.Fatalf("bulk decline: %d", res.Status)
		}
		msgs := brandOutbox(t, d, w.Brand.ID)
		if m := mailTo(msgs, "lena@example.com", "applications.email.declined"); m == nil || m.Subject != "About your application to Juliet" || !strings.Contains(m.Body, "Hi Lena") {
			t.Errorf("English decline: %+v", m)
		}
		if m := mailTo(msgs, "luz@example.com", "applications.email.declined"); m == nil || m.Subject != "Sobre tu postulación a Juliet" || !strings.Contains(m.Body, "Hola, Luz") {
			t.Errorf("Spanish decline: %+v", m)
		}

		// The API: filters and cursor pages, validated against the document.
		res = env.API(w.Token, "GET", "/api/v1/applications?status=declined&limit=2", "")
		var page1 struct {
			Data       []applications.Application `json:"data"`
			NextCursor string                     `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(res.Body), &page1); err != nil || res.Status != 200 || len(page1.Data) != 2 || page1.NextCursor == "" {
			t.Fatalf("page 1: %d %s", res.Status, res.Body)
		}
		res = env.API(w.Token, "GET", "/api/v1/applications?status=declined&limit=2&cursor="+url.QueryEscape(page1.NextCursor), "")
		var page2 struct {
			Data       []applications.Application `json:"data"`
			NextCursor string                     `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(res.Body), &page2); err != nil || len(page2.Data) != 1 || page2.NextCursor != "" || page2.Data[0].ID == page1.Data[0].ID {
			t.Fatalf("page 2: %s", res.Body)
		}
		if res := env.API(w.Token, "GET", "/api/v1/applications?min_score=101", ""); res.Status != 422 {
			t.Errorf("bad min_score: %d", res.Status)
		}
		if res := env.API(w.Token, "GET", "/api/v1/applications?min_score=100", ""); res.Status != 200 || !strings.Contains(res.Body, `"data":[]`) {
			t.Errorf("min_score 100: %s", res.Body)
		}
		if res := env.API(w.Token, "GET", "/api/v1/applications/"+idText(ana.ID), ""); res.Status != 200 || !strings.Contains(res.Body, `"reviews"`) {
			t.Errorf("get: %d", res.Status)
		}
		// Another brand: its token cannot see these, its page is its own.
		if res := env.API(other.Token, "GET", "/api/v1/applications/"+idText(ana.ID), ""); res.Status != 404 {
			t.Errorf("other brand's token: %d", res.Status)
		}
		if res := env.API(other.Token, "GET", "/api/v1/applications", ""); strings.Contains(res.Body, "ana@example.com") {
			t.Error("other brand lists Juliet's applications")
		}
		if res := env.Anonymous().Get("/apply/" + other.Brand.Slug); strings.Contains(res.Body, "Juliet") || !strings.Contains(res.Body, "Kilo") {
			t.Error("other brand's page shows Juliet")
		}
		if res := env.Anonymous().Get("/apply/no-such-brand"); res.Status != 404 {
			t.Errorf("unknown slug: %d", res.Status)
		}
		// The portal's summary across brands.
		sums, err := applications.ForEmail(ctx, d, "ANA@example.com")
		if err != nil || len(sums) != 1 || sums[0].BrandName != "Juliet" || sums[0].Status != "approved" || sums[0].DecidedAt == nil {
			t.Errorf("ForEmail: %+v %v", sums, err)
		}
	})
}

// submitAs submits an application through the service in a language.
func submitAs(t *testing.T, env *apptest.Env, w *apptest.World, name, email, locale string) int64 {
	t.Helper()
	cfg, err := applications.LoadConfig(context.Background(), env.DB, w.Brand.ID)
	if err != nil {
		t.Fatal(err)
	}
	out, err := applications.NewService(env.DB, env.Now, nil).Submit(context.Background(), w.Brand, cfg, applications.Submission{
		Name: name, Email: email, Locale: locale, IP: "192.0.2." + name, Answers: map[string]applications.Answer{"q1": {Text: "2"}},
		Accounts: []creator.SocialAccountInput{{Platform: "instagram", Handle: strings.ToLower(name) + "_ig", Followers: 15000}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Application.ID
}

func idText(n int64) string { return strconv.FormatInt(n, 10) }

// TestPortalListsApplications: an applicant who signs in to the creator
// portal sees their application's brand and status.
func TestPortalListsApplications(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apptest.New(t, d)
		w := env.NewWorld("Lima")
		cm := env.SignIn(w.Users[auth.CommunityManager].Email)
		if res := cm.PostForm("/applications/settings", settingsForm()); res.Status != 303 {
			t.Fatalf("settings: %d", res.Status)
		}
		id := submitAs(t, env, w, "Mia", "mia@example.com", "en")
		if res := cm.PostForm("/applications/"+idText(id)+"/approve", nil); res.Status != 303 {
			t.Fatalf("approve: %d", res.Status)
		}
		c := env.Anonymous()
		secret := requestLink(t, env, c, "mia@example.com")
		if res := c.PostForm("/portal/link/"+secret, nil); res.Status != http.StatusSeeOther {
			t.Fatalf("portal sign-in: %d", res.Status)
		}
		home := c.Get("/portal/home")
		if home.Status != 200 || !strings.Contains(home.Body, "Lima") || !strings.Contains(home.Body, "Approved") {
			t.Fatalf("portal home: %d %s", home.Status, home.Body)
		}
	})
}
