package applications

import (
	"embed"
	"html/template"
	"strings"

	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/i18n"
	"github.com/rosterhq/roster/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Templates are this package's pages.
func Templates() web.TemplateSet {
	return web.Templates("applications", templateFiles, template.FuncMap{
		"platformLabel": creator.PlatformLabel,
		"paragraphs":    paragraphs,
		"splitLines":    func(s string) []string { return strings.Split(s, "\n") },
		"criterionName": criterionName,
		"answerText":    answerText,
		"scoreOf":       func(m map[string]int, key string) int { return m[key] },
		"oneToFive":     func() []int { return []int{1, 2, 3, 4, 5} },
		"decimal":       func(l *i18n.Localizer, f *float64) string { return l.Decimal(*f, 1) },
	})
}

// Register adds the public application page, the team's pages and the API.
func Register(rt *web.Router, d *web.Deps) {
	svc := NewService(d.DB, d.Clock, d.WakeJobs)
	pub := &publicPage{d, svc}
	rt.Page("GET", "/apply/{slug}", web.Public, "", pub.show)
	rt.Page("POST", "/apply/{slug}", web.Public, "", pub.submit)
	registerTeamPages(rt, d, svc)
	registerAPI(rt, d)
	hookPortal(d.DB)
}

// paragraphs splits plain text into paragraphs at blank lines; the intro
// is shown as text, never as HTML.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// criterionName is a criterion's name in l's language: its own label, or
// the catalogue's for a default criterion.
func criterionName(l *i18n.Localizer, c Criterion) string {
	if s := c.Label.In(l.Lang()); s != "" {
		return s
	}
	return l.T(criterionLabelKey(c.Key))
}

// answerText shows an answer: choices by their labels in lang.
func answerText(q Question, a Answer, lang string) string {
	if !q.IsChoice() {
		return a.Text
	}
	values := a.Choices
	if a.Text != "" {
		values = []string{a.Text}
	}
	var labels []string
	for _, v := range values {
		for _, o := range q.Options {
			if o.Value == v {
				labels = append(labels, o.Label.In(lang))
			}
		}
	}
	return strings.Join(labels, ", ")
}
