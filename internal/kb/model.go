// Package kb is the knowledge base: articles written in markdown by
// platform admins for the whole installation, in categories, with one
// version per language and English as the fallback; brand-facing
// articles for everyone signed in, creator-facing ones in the creator
// portal; full-text search that finds words in every language on both
// engines; and a revision for every change, any of which can be restored.
package kb

import (
	"slices"
	"time"
)

// Audiences: who an article is written for.
const (
	AudienceBrand   = "brand"   // brand teams and the account team, in the app
	AudienceCreator = "creator" // creators, in the portal
)

// Audiences lists the audiences in display order.
var Audiences = []string{AudienceBrand, AudienceCreator}

// Fallback is the language every article has and every reader falls
// back to.
const Fallback = "en"

// Locales are the languages an article version may be written in: the
// issue's six, whether or not the interface speaks them yet.
var Locales = []string{"en", "es", "fr", "de", "pt-BR", "ja"}

// LocaleNames names each language in itself, so a switcher reads the same
// to everyone.
var LocaleNames = map[string]string{
	"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch", "pt-BR": "Português (Brasil)", "ja": "日本語",
}

// IsLocale reports whether code is one of Locales (exact spelling).
func IsLocale(code string) bool { return slices.Contains(Locales, code) }

// Categories are the sections articles are filed in, in display order;
// their names are in the catalogues (kb.category.<key>).
var Categories = []string{"getting_started", "creators", "recruiting", "campaigns", "inbox", "program", "account", "portal"}

// Article is one article with every language it is written in.
type Article struct {
	ID        int64              `json:"id"`
	Slug      string             `json:"slug"`
	Category  string             `json:"category"`
	Audience  string             `json:"audience"`
	Revision  int                `json:"revision"`
	Versions  map[string]Version `json:"versions"` // by locale
	CreatedAt time.Time          `json:"created_at"`
	UpdatedAt time.Time          `json:"updated_at"`
}

// Version is an article in one language.
type Version struct {
	Title string `json:"title"`
	Body  string `json:"body"` // markdown
}

// Languages lists the locales a has, in the order of Locales.
func (a *Article) Languages() []string {
	var out []string
	for _, l := range Locales {
		if _, ok := a.Versions[l]; ok {
			out = append(out, l)
		}
	}
	return out
}

// In returns the version a reader of locale wants: theirs when it exists,
// else English; lang says which one it is.
func (a *Article) In(locale string) (v Version, lang string) {
	if v, ok := a.Versions[locale]; ok {
		return v, locale
	}
	return a.Versions[Fallback], Fallback
}

// Draft is what an editor submits: the whole article. A language left
// out (or with an empty title and body) has no version.
type Draft struct {
	Slug     string             `json:"slug"`
	Category string             `json:"category"`
	Audience string             `json:"audience"`
	Versions map[string]Version `json:"versions"`
}

// Draft returns a's content as a draft (what a revision stores).
func (a *Article) Draft() Draft {
	d := Draft{Slug: a.Slug, Category: a.Category, Audience: a.Audience, Versions: map[string]Version{}}
	for l, v := range a.Versions {
		d.Versions[l] = v
	}
	return d
}

// Revision is one kept state of an article.
type Revision struct {
	Number       int       `json:"number"`
	Action       string    `json:"action"` // create, update, restore
	RestoredFrom int       `json:"restored_from,omitempty"`
	Draft        Draft     `json:"draft"`
	Author       string    `json:"author"`
	CreatedAt    time.Time `json:"created_at"`
}

// Summary is an article as lists and search results show it: in the
// reader's language (or English), with the languages it exists in.
type Summary struct {
	ID        int64     `json:"id"`
	Slug      string    `json:"slug"`
	Category  string    `json:"category"`
	Audience  string    `json:"audience"`
	Locale    string    `json:"locale"` // the language of Title and Excerpt
	Title     string    `json:"title"`
	Excerpt   string    `json:"excerpt"`
	Languages []string  `json:"languages"`
	UpdatedAt time.Time `json:"updated_at"`
}
