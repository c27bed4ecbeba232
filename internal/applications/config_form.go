package applications

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/creator"
	"github.com/rosterhq/roster/internal/i18n"
)

// Limits of the setup form.
const (
	maxQuestions  = 30
	maxCriteria   = 12
	maxIntro      = 5000
	maxLabel      = 300
	maxOptions    = 30
	maxWeight     = 10
	blankFormRows = 2 // empty rows offered for a new question or criterion
)

// readConfig reads the settings form onto the current setup (keeping the
// ids of existing questions and criteria) and validates it.
func readConfig(r *http.Request, current Config) (Config, apperr.Fields) {
	var errs apperr.Fields
	v := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	c := Config{Enabled: v("enabled") != "", Intro: Text{}, Platforms: []string{}}
	for _, lang := range i18n.Supported {
		c.Intro[lang] = strings.ReplaceAll(v("intro."+lang), "\r\n", "\n")
		if utf8.RuneCountInString(c.Intro[lang]) > maxIntro {
			errs.Add("intro."+lang, "validation.too_long", "Too long.", "max", maxIntro)
		}
	}
	c.MinFollowers = readCount(v("min_followers"), "min_followers", &errs)
	c.MaxFollowers = readCount(v("max_followers"), "max_followers", &errs)
	if c.MaxFollowers > 0 && c.MinFollowers > c.MaxFollowers {
		errs.Add("max_followers", "validation.followers_range", "The maximum must be at least the minimum.")
	}
	c.Countries = readCountries(v("countries"), &errs)
	probe := creator.Fields{DisplayName: "x", Languages: splitCodes(v("languages"))}
	if e := creator.Validate(&probe); e.Has("languages") {
		errs.Add("languages", "applications.validation.languages", "Use language codes such as en, es, pt-BR.")
	}
	c.Languages = probe.Languages
	for _, p := range r.PostForm["platforms"] {
		if creator.IsPlatform(p) && !slices.Contains(c.Platforms, p) {
			c.Platforms = append(c.Platforms, p)
		}
	}
	c.Questions = readQuestions(r, current, &errs)
	c.Rubric = readRubric(r, current, &errs)
	return c, errs
}

func readCount(s, field string, errs *apperr.Fields) int64 {
	if s == "" {
		return 0
	}
	n, ok := parseCount(s)
	if !ok {
		errs.Add(field, "validation.followers_number", "Enter a number of followers such as 5000, 10k or 1.2M.")
	}
	return n
}

func readCountries(s string, errs *apperr.Fields) []string {
	out := []string{}
	for _, code := range splitCodes(s) {
		probe := creator.Fields{DisplayName: "x", Country: code}
		if e := creator.Validate(&probe); e.Has("country") {
			errs.Add("countries", "applications.validation.countries", "Use two-letter country codes such as US, MX, ES.")
			continue
		}
		if !slices.Contains(out, probe.Country) {
			out = append(out, probe.Country)
		}
	}
	return out
}

// readQuestions reads question rows q.<i>.*; a row with no label in any
// language is dropped (that is how a question is removed).
func readQuestions(r *http.Request, current Config, errs *apperr.Fields) []Question {
	out := []Question{}
	next := 1
	for _, q := range current.Questions {
		if n, err := strconv.Atoi(strings.TrimPrefix(q.ID, "q")); err == nil && n >= next {
			next = n + 1
		}
	}
	for i := range maxQuestions {
		p := fmt.Sprintf("question.%d.", i)
		if _, present := r.PostForm[p+"kind"]; !present {
			break
		}
		q := Question{ID: r.PostFormValue(p + "id"), Kind: r.PostFormValue(p + "kind"), Required: r.PostFormValue(p+"required") != "", Label: Text{}}
		options := map[string][]string{}
		empty := true
		for _, lang := range i18n.Supported {
			q.Label[lang] = strings.TrimSpace(r.PostFormValue(p + "label." + lang))
			options[lang] = nonEmptyLines(r.PostFormValue(p + "options." + lang))
			empty = empty && q.Label[lang] == ""
			if utf8.RuneCountInString(q.Label[lang]) > maxLabel {
				errs.Add(p+"label."+lang, "validation.too_long", "Too long.", "max", maxLabel)
			}
		}
		if empty {
			continue
		}
		if _, ok := current.Question(q.ID); !ok {
			q.ID = "q" + strconv.Itoa(next)
			next++
		}
		if !slices.Contains(QuestionKinds, q.Kind) {
			errs.Add(p+"kind", "validation.choose_from_list", "Choose one of the options in the list.")
		}
		if q.IsChoice() {
			q.Options = readOptions(options)
			if len(q.Options) == 0 {
				errs.Add(p+"options.en", "applications.validation.options_required", "List the choices, one per line.")
			} else if len(q.Options) > maxOptions {
				errs.Add(p+"options.en", "validation.too_many", "Too many choices.", "max", maxOptions)
			}
		}
		out = append(out, q)
	}
	return out
}

// readOptions pairs the choice lines of each language by position; the
// stored value is the position, so translations can change freely.
func readOptions(lines map[string][]string) []Option {
	n := 0
	for _, l := range lines {
		n = max(n, len(l))
	}
	out := make([]Option, 0, n)
	for i := range n {
		o := Option{Value: strconv.Itoa(i + 1), Label: Text{}}
		for lang, l := range lines {
			if i < len(l) {
				o.Label[lang] = l[i]
			}
		}
		out = append(out, o)
	}
	return out
}

// readRubric reads criterion rows criterion.<i>.*; a weight of 0 (or an
// empty new row) removes a criterion.
func readRubric(r *http.Request, current Config, errs *apperr.Fields) []Criterion {
	out := []Criterion{}
	next := 1
	for i := range maxCriteria + blankFormRows {
		p := fmt.Sprintf("criterion.%d.", i)
		if _, present := r.PostForm[p+"weight"]; !present {
			break
		}
		c := Criterion{Key: r.PostFormValue(p + "key"), Label: Text{}}
		named := false
		for _, lang := range i18n.Supported {
			c.Label[lang] = strings.TrimSpace(r.PostFormValue(p + "label." + lang))
			named = named || c.Label[lang] != ""
		}
		known := slices.ContainsFunc(current.Rubric, func(x Criterion) bool { return x.Key == c.Key }) || isDefaultCriterion(c.Key)
		w := strings.ReplaceAll(strings.TrimSpace(r.PostFormValue(p+"weight")), ",", ".")
		if !known && !named {
			continue
		}
		weight, err := strconv.ParseFloat(w, 64)
		if err != nil || weight < 0 || weight > maxWeight {
			errs.Add(p+"weight", "applications.validation.weight", "Enter a weight from 0 to 10.")
			continue
		}
		if weight == 0 {
			continue
		}
		c.Weight = weight
		if !known {
			for slices.ContainsFunc(current.Rubric, func(x Criterion) bool { return x.Key == "c"+strconv.Itoa(next) }) ||
				slices.ContainsFunc(out, func(x Criterion) bool { return x.Key == "c"+strconv.Itoa(next) }) {
				next++
			}
			c.Key = "c" + strconv.Itoa(next)
		}
		if !named {
			c.Label = nil
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		errs.Add("rubric", "applications.validation.rubric_empty", "Keep at least one criterion.")
	}
	return out
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
