package creator

import (
	"math"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/stages"
)

// Limits on creator fields.
const (
	maxDisplayName  = 200
	maxEmail        = 254
	maxNotes        = 10000
	maxTagLength    = 40
	maxTags         = 50
	maxLanguages    = 20
	maxAccounts     = 20
	maxMetricSource = 200
)

// addField records a field error; args are name/value pairs for the
// message's placeholders.
func addField(errs *apperr.Fields, field, key string, args ...any) {
	errs.Add(field, key, englishText(key, args), args...)
}

// Validate checks f and normalises it in place (trimmed text, lower-case
// email and tags, canonical country and language codes, normalised
// handles, the default stage). Field names are the API's JSON names.
func Validate(f *Fields) apperr.Fields {
	var errs apperr.Fields
	f.DisplayName = cleanText(f.DisplayName, false)
	if f.DisplayName == "" {
		addField(&errs, "display_name", "validation.required")
	} else if utf8.RuneCountInString(f.DisplayName) > maxDisplayName {
		addField(&errs, "display_name", "validation.too_long", "max", maxDisplayName)
	}
	validateEmail(f, &errs)
	f.Country = normalizeCountry(f.Country, "country", &errs)
	validateLanguages(f, &errs)
	f.Tags = normalizeTags(f.Tags, &errs)
	f.Notes = cleanText(f.Notes, true)
	if utf8.RuneCountInString(f.Notes) > maxNotes {
		addField(&errs, "notes", "validation.too_long", "max", maxNotes)
	}
	// Only the shape of the stage is checked here: which stages exist
	// depends on the brand, checked by the service (CheckStage).
	f.Stage = strings.ToLower(strings.TrimSpace(f.Stage))
	if f.Stage == "" {
		f.Stage = DefaultStages[0]
	} else if !stages.ValidKey(f.Stage) {
		addField(&errs, "stage", "validation.stage", "stages", strings.Join(DefaultStages, ", "))
	}
	validateAccounts(f, &errs)
	return errs
}

// CheckStage adds a field error when f.Stage (already validated) is not
// one of keys, the brand's stages (stages.Keys).
func CheckStage(f *Fields, keys []string, errs *apperr.Fields) {
	if !errs.Has("stage") && !slices.Contains(keys, f.Stage) {
		addField(errs, "stage", "validation.stage", "stages", strings.Join(keys, ", "))
	}
}

func validateEmail(f *Fields, errs *apperr.Fields) {
	f.Email = cleanText(f.Email, false)
	if f.Email == "" {
		return
	}
	addr, err := mail.ParseAddress(f.Email)
	if err != nil || len(addr.Address) > maxEmail || !strings.Contains(addr.Address[strings.LastIndexByte(addr.Address, '@')+1:], ".") {
		addField(errs, "email", "validation.invalid_email")
		return
	}
	f.Email = strings.ToLower(addr.Address)
}

func validateLanguages(f *Fields, errs *apperr.Fields) {
	var out []string
	for _, raw := range f.Languages {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		code, ok := canonicalLanguage(raw)
		if !ok {
			addField(errs, "languages", "validation.language", "value", quoteShort(raw))
			continue
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	if len(out) > maxLanguages {
		addField(errs, "languages", "validation.too_many", "max", maxLanguages)
	}
	f.Languages = out
}

// normalizeTags trims, lower-cases, collapses spaces, drops empty and
// repeated tags and sorts them.
func normalizeTags(tags []string, errs *apperr.Fields) []string {
	var out []string
	for _, raw := range tags {
		t := normalizeTag(raw)
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) > maxTagLength {
			addField(errs, "tags", "validation.tag_too_long", "tag", quoteShort(t), "max", maxTagLength)
			continue
		}
		out = append(out, t)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > maxTags {
		addField(errs, "tags", "validation.too_many", "max", maxTags)
	}
	return out
}

func validateAccounts(f *Fields, errs *apperr.Fields) {
	if len(f.SocialAccounts) > maxAccounts {
		addField(errs, "social_accounts", "validation.too_many", "max", maxAccounts)
	}
	seen := map[string]bool{}
	for i := range f.SocialAccounts {
		a := &f.SocialAccounts[i]
		field := func(name string) string { return "social_accounts[" + strconv.Itoa(i) + "]." + name }
		a.Platform = strings.ToLower(strings.TrimSpace(a.Platform))
		a.MetricsSource = cleanText(a.MetricsSource, false)
		if r := []rune(a.MetricsSource); len(r) > maxMetricSource {
			a.MetricsSource = string(r[:maxMetricSource])
		}
		if a.Followers < 0 {
			addField(errs, field("followers"), "validation.followers_negative")
		}
		if math.IsNaN(a.EngagementRate) || a.EngagementRate < 0 || a.EngagementRate > 100 {
			addField(errs, field("engagement_rate"), "validation.engagement_rate")
		}
		if !IsPlatform(a.Platform) {
			addField(errs, field("platform"), "validation.platform", "platforms", platformList())
			continue
		}
		handle, _, err := NormalizeHandle(a.Platform, a.Handle)
		if err != nil {
			he := err.(*HandleError)
			errs.Add(field("handle"), he.Key, he.Message, he.Args...)
			continue
		}
		a.Handle = handle
		if key := a.Platform + " " + handle; seen[key] {
			addField(errs, field("handle"), "validation.duplicate_account", "platform", PlatformLabel(a.Platform), "handle", handle)
		} else {
			seen[key] = true
		}
	}
}

// quoteShort quotes a value for a message, cut to a readable length.
func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:57]) + "…"
	}
	return `"` + s + `"`
}
