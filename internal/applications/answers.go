package applications

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
)

// Lengths of answers.
const (
	maxShortAnswer = 300
	maxLongAnswer  = 5000
)

// AnswerField is the form and error field name of a question's answer.
func AnswerField(id string) string { return "q." + id }

// checkAnswers keeps answers to known questions only, trimmed, and
// records a problem by each question whose answer is missing or invalid.
func checkAnswers(cfg Config, given map[string]Answer, errs *apperr.Fields) map[string]Answer {
	out := map[string]Answer{}
	for _, q := range cfg.Questions {
		a := given[q.ID]
		a.Text = strings.TrimSpace(a.Text)
		field := AnswerField(q.ID)
		if a.Text == "" && len(a.Choices) == 0 {
			if q.Required {
				errs.Add(field, "validation.required", "This field is required.")
			}
			continue
		}
		switch q.Kind {
		case KindShortText, KindLongText:
			limit := maxShortAnswer
			if q.Kind == KindLongText {
				limit = maxLongAnswer
			}
			if utf8.RuneCountInString(a.Text) > limit {
				errs.Add(field, "validation.too_long", "This answer is too long.", "max", limit)
			}
		case KindURL:
			u, err := url.Parse(a.Text)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				errs.Add(field, "applications.validation.url", "Enter a web address starting with https://.")
			}
		case KindNumber:
			if _, err := strconv.ParseFloat(strings.ReplaceAll(a.Text, ",", "."), 64); err != nil {
				errs.Add(field, "applications.validation.number", "Enter a number.")
			}
		case KindSingle:
			if !hasOption(q, a.Text) {
				errs.Add(field, "validation.choose_from_list", "Choose one of the options in the list.")
			}
		case KindMultiple:
			for _, c := range a.Choices {
				if !hasOption(q, c) {
					errs.Add(field, "validation.choose_from_list", "Choose one of the options in the list.")
					break
				}
			}
		}
		out[q.ID] = a
	}
	return out
}

func hasOption(q Question, value string) bool {
	return slices.ContainsFunc(q.Options, func(o Option) bool { return o.Value == value })
}
