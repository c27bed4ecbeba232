package applications

import (
	"slices"
	"strings"
)

// Question kinds.
const (
	KindShortText = "short_text"
	KindLongText  = "long_text"
	KindSingle    = "single_choice"
	KindMultiple  = "multiple_choice"
	KindURL       = "url"
	KindNumber    = "number"
)

// QuestionKinds lists the kinds in the order the settings page offers them.
var QuestionKinds = []string{KindShortText, KindLongText, KindSingle, KindMultiple, KindURL, KindNumber}

// Text is a piece of text per language code ("en", "es").
type Text map[string]string

// In returns the text in lang, else English, else any language given.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t["en"]; s != "" {
		return s
	}
	for _, s := range t {
		if s != "" {
			return s
		}
	}
	return ""
}

// Option is one choice of a choice question; Value is what is stored.
type Option struct {
	Value string `json:"value"`
	Label Text   `json:"label"`
}

// Question is a custom question of the application page.
type Question struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Required bool     `json:"required"`
	Label    Text     `json:"label"`
	Options  []Option `json:"options,omitempty"`
}

// IsChoice reports whether the question offers options.
func (q Question) IsChoice() bool { return q.Kind == KindSingle || q.Kind == KindMultiple }

// Criterion is one line of the review rubric, scored 1–5 by reviewers.
// Default criteria have an empty Label and take theirs from the catalogue.
type Criterion struct {
	Key    string  `json:"key"`
	Label  Text    `json:"label,omitempty"`
	Weight float64 `json:"weight"`
}

// Config is a brand's application page and scoring setup.
type Config struct {
	Enabled      bool        `json:"enabled"`
	Intro        Text        `json:"intro"`
	Questions    []Question  `json:"questions"`
	MinFollowers int64       `json:"min_followers"` // 0: no lower bound
	MaxFollowers int64       `json:"max_followers"` // 0: no upper bound
	Countries    []string    `json:"countries"`     // ISO codes the brand works in
	Languages    []string    `json:"languages"`     // language codes it works in
	Platforms    []string    `json:"platforms"`     // platforms it needs
	Rubric       []Criterion `json:"rubric"`
}

// DefaultCriteria are the rubric every brand starts with.
var DefaultCriteria = []string{"audience_fit", "content_quality", "engagement", "brand_safety"}

// DefaultConfig is the setup of a brand that has saved none: the page is
// closed until someone opens it.
func DefaultConfig() Config {
	c := Config{Intro: Text{}}
	for _, k := range DefaultCriteria {
		c.Rubric = append(c.Rubric, Criterion{Key: k, Weight: 1})
	}
	return c
}

// Question returns the question with id, if any.
func (c Config) Question(id string) (Question, bool) {
	i := slices.IndexFunc(c.Questions, func(q Question) bool { return q.ID == id })
	if i < 0 {
		return Question{}, false
	}
	return c.Questions[i], true
}

// criterionLabelKey is the catalogue key of a default criterion's name.
func criterionLabelKey(key string) string { return "applications.criterion." + key }

// isDefaultCriterion reports whether key names a built-in criterion.
func isDefaultCriterion(key string) bool { return slices.Contains(DefaultCriteria, key) }

// splitCodes reads a comma- or space-separated list of codes.
func splitCodes(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
