package invite

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/i18n"
)

// mergeField matches {name} placeholders in a template.
var mergeField = regexp.MustCompile(`\{([a-z_]+)\}`)

// Merge fills a template text's placeholders; values maps a field name
// to its value. Unknown names were refused when the template was saved.
func Merge(text string, values map[string]string) string {
	return mergeField.ReplaceAllStringFunc(text, func(m string) string {
		if v, ok := values[m[1:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

// LocaleFor picks an invitation's language: the creator's first language
// when Roster speaks it, else the brand's default.
func LocaleFor(creatorLanguages []string, brandDefault string) string {
	if len(creatorLanguages) > 0 {
		if code := i18n.Match(creatorLanguages[0]); code != "" {
			return code
		}
	}
	if i18n.IsSupported(brandDefault) {
		return brandDefault
	}
	return i18n.Supported[0]
}

// textFor returns the template's text in locale, else in the fallback
// language, else any text it has.
func (t *Template) textFor(locale, fallback string) Text {
	if x, ok := t.Texts[locale]; ok {
		return x
	}
	if x, ok := t.Texts[fallback]; ok {
		return x
	}
	for _, code := range i18n.Supported {
		if x, ok := t.Texts[code]; ok {
			return x
		}
	}
	return Text{}
}

// Limits on templates.
const (
	maxName       = 100
	maxSubject    = 300
	maxBody       = 20000
	maxFollowups  = 10
	maxFollowDays = 60
)

// validateTemplate checks and tidies a template in place. A text per
// language is optional, but the brand's default language needs one: it
// is the fallback for creators whose language has none.
func validateTemplate(t *Template, defaultLocale string) error {
	var f apperr.Fields
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		f.Add("name", "validation.required", "This field is required.")
	} else if utf8.RuneCountInString(t.Name) > maxName {
		f.Add("name", "validation.too_long", "This is too long.", "max", maxName)
	}
	if t.FollowupDays < 1 || t.FollowupDays > maxFollowDays {
		f.Add("followup_days", "invite.validation.followup_days", "Enter a number of days from 1 to 60.", "max", maxFollowDays)
	}
	if t.MaxFollowups < 0 || t.MaxFollowups > maxFollowups {
		f.Add("max_followups", "invite.validation.max_followups", "Enter a number from 0 to 10.", "max", maxFollowups)
	}
	for code, x := range t.Texts {
		x.Subject = strings.Join(strings.Fields(x.Subject), " ")
		x.Body = strings.TrimSpace(strings.ReplaceAll(x.Body, "\r\n", "\n"))
		if x.Subject == "" && x.Body == "" {
			delete(t.Texts, code)
			continue
		}
		checkText(&f, "subject_"+code, x.Subject, maxSubject)
		checkText(&f, "body_"+code, x.Body, maxBody)
		t.Texts[code] = x
	}
	if _, ok := t.Texts[defaultLocale]; !ok {
		f.Add("subject_"+defaultLocale, "invite.validation.default_text", "Write the subject and text in the brand's default language.")
	}
	return f.Err()
}

func checkText(f *apperr.Fields, field, text string, limit int) {
	switch {
	case text == "":
		f.Add(field, "validation.required", "This field is required.")
	case utf8.RuneCountInString(text) > limit:
		f.Add(field, "validation.too_long", "This is too long.", "max", limit)
	}
	for _, m := range mergeField.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(MergeFields, m[1]) {
			f.Add(field, "invite.validation.unknown_field", "Unknown merge field "+m[0]+".", "field", m[0],
				"fields", "{"+strings.Join(MergeFields, "}, {")+"}")
			return
		}
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
