package applications

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/brand"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

// publicPage serves /apply/{slug}, open to anyone.
type publicPage struct {
	*web.Deps
	svc *Service
}

// accountRows is how many social-account rows the form offers.
const accountRows = 3

type applyView struct {
	Brand     *brand.Brand
	Config    Config
	Lang      string
	Sent      string // "" or "ok"
	Accounts  []int
	Platforms []string
	Action    string
}

// localizer picks the applicant's language: ?lang= (or the form's lang)
// first, then the usual cookie and Accept-Language.
func localizer(r *http.Request) *i18n.Localizer {
	if code := r.FormValue("lang"); i18n.IsSupported(code) {
		return i18n.For(code)
	}
	return web.Localizer(r)
}

func (h *publicPage) load(r *http.Request) (*brand.Brand, Config, error) {
	b, err := brand.BySlug(r.Context(), h.DB, r.PathValue("slug"))
	if err != nil {
		return nil, Config{}, apperr.New(apperr.NotFound, "no such brand")
	}
	cfg, err := LoadConfig(r.Context(), h.DB, b.ID)
	return b, cfg, err
}

func (h *publicPage) show(w http.ResponseWriter, r *http.Request) error {
	b, cfg, err := h.load(r)
	if err != nil {
		return err
	}
	l := localizer(r)
	form := map[string]string{"languages": l.Lang()}
	return h.render(w, r, http.StatusOK, l, b, cfg, form, nil, r.URL.Query().Get("sent"))
}

func (h *publicPage) render(w http.ResponseWriter, r *http.Request, status int, l *i18n.Localizer, b *brand.Brand, cfg Config,
	form, errs map[string]string, sent string) error {
	if sent != "ok" {
		sent = ""
	}
	v := applyView{Brand: b, Config: cfg, Lang: l.Lang(), Sent: sent, Platforms: creator.Platforms,
		Action: "/apply/" + b.Slug}
	for i := range accountRows {
		v.Accounts = append(v.Accounts, i)
	}
	return h.Render.PageStatus(w, r, status, "applications/apply", &web.View{L: l, Data: v, Form: form, Errors: errs})
}

func (h *publicPage) submit(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(w, r); err != nil {
		return err
	}
	b, cfg, err := h.load(r)
	if err != nil {
		return err
	}
	l := localizer(r)
	if !cfg.Enabled {
		return h.render(w, r, http.StatusOK, l, b, cfg, nil, nil, "")
	}
	sub, readErrs := readSubmission(r, cfg)
	sub.Locale, sub.IP = l.Lang(), web.ClientIP(r)
	if len(readErrs) > 0 && sub.Honeypot == "" {
		// Show every problem at once: what did not read as a number and
		// whatever validation finds in the rest.
		_, errs := validateSubmission(cfg, &sub)
		err = mergeErrs(readErrs, errs)
	} else {
		_, err = h.svc.Submit(r.Context(), b, cfg, sub)
	}
	status := http.StatusUnprocessableEntity
	switch apperr.CodeOf(err) {
	case apperr.RateLimited:
		status = http.StatusTooManyRequests
		return h.render(w, r, status, l, b, cfg, web.FormValues(r), map[string]string{"_": l.T("applications.apply.rate_limited")}, "")
	case apperr.Invalid, apperr.Conflict:
		msgs := web.FieldErrors(l, err)
		return h.render(w, r, status, l, b, cfg, web.FormValues(r), msgs, "")
	}
	if err != nil {
		return err
	}
	// A duplicate (an email or handle that applied already) is answered
	// exactly like a new application: saying "we have your application"
	// would tell anyone who types an email or a public handle here
	// whether that person applied to the brand. The applicant already
	// has the confirmation email of their first application.
	web.Redirect(w, r, "/apply/"+b.Slug+"?"+url.Values{"sent": {"ok"}, "lang": {l.Lang()}}.Encode())
	return nil
}

// mergeErrs joins the form's reading problems (numbers that did not
// parse) with validation's, one message per field.
func mergeErrs(read, valid apperr.Fields) error {
	for _, f := range valid {
		if !read.Has(f.Field) {
			read = append(read, f)
		}
	}
	return read.Err()
}

// readSubmission reads the posted form; follower counts that do not read
// as numbers come back as field errors.
func readSubmission(r *http.Request, cfg Config) (Submission, apperr.Fields) {
	var errs apperr.Fields
	sub := Submission{Name: r.PostFormValue("display_name"), Email: r.PostFormValue("email"), Country: r.PostFormValue("country"),
		Languages: splitCodes(r.PostFormValue("languages")), Honeypot: r.PostFormValue("homepage"), Answers: map[string]Answer{}}
	for i := range accountRows {
		key := func(name string) string { return fmt.Sprintf("accounts.%d.%s", i, name) }
		handle := strings.TrimSpace(r.PostFormValue(key("handle")))
		if handle == "" {
			continue
		}
		n := len(sub.Accounts)
		in := creator.SocialAccountInput{Platform: r.PostFormValue(key("platform")), Handle: handle, MetricsSource: "application"}
		if s := strings.TrimSpace(r.PostFormValue(key("followers"))); s != "" {
			v, ok := parseCount(s)
			if !ok {
				errs.Add(fmt.Sprintf("social_accounts[%d].followers", n), "validation.followers_number", "Enter a number of followers such as 5000, 10k or 1.2M.")
			}
			in.Followers = v
		}
		if s := strings.TrimSpace(r.PostFormValue(key("engagement_rate"))); s != "" {
			v, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(s, ",", "."), "%"), 64)
			if err != nil {
				errs.Add(fmt.Sprintf("social_accounts[%d].engagement_rate", n), "validation.percent", "Enter a percentage, like 3.4.")
			}
			in.EngagementRate = v
		}
		sub.Accounts = append(sub.Accounts, in)
	}
	for _, q := range cfg.Questions {
		vals := r.PostForm[AnswerField(q.ID)]
		if q.Kind == KindMultiple {
			sub.Answers[q.ID] = Answer{Choices: vals}
		} else if len(vals) > 0 {
			sub.Answers[q.ID] = Answer{Text: vals[0]}
		}
	}
	return sub, errs
}

// parseCount reads follower counts as people type them: 12500, 12,500,
// 12.5k, 1.2M.
func parseCount(s string) (int64, bool) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "k"):
		mult, s = 1e3, strings.TrimSuffix(s, "k")
	case strings.HasSuffix(s, "m"):
		mult, s = 1e6, strings.TrimSuffix(s, "m")
	}
	if mult == 1 {
		s = strings.NewReplacer(",", "", ".", "").Replace(s)
	} else {
		s = strings.ReplaceAll(s, ",", ".")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 1e10 {
		return 0, false
	}
	return int64(v*mult + 0.5), true
}
