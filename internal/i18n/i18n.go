// Package i18n is the translation layer for every screen and email: it
// picks a locale for a request, looks up messages in the embedded
// catalogues (locales/<code>.json) and formats numbers and dates.
//
// A catalogue is a flat JSON object of dotted key → message, sorted by
// key. Adding a language means adding its code to Supported and a
// catalogue file; the tests then demand the same keys as English.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Supported lists the locale codes in display order. The first is the
// fallback for unsupported codes and unmatched browsers.
var Supported = []string{"en", "es", "fr", "de", "pt-BR", "ja"}

// LocaleName is a locale code with the locale's name in its own language,
// for a language picker.
type LocaleName struct {
	Code string
	Name string
}

// Localizer translates and formats for one locale. It is immutable and
// safe for concurrent use; get one with For.
type Localizer struct {
	lang     string
	tag      language.Tag
	messages map[string]string
	printer  *message.Printer
}

// Catalogues live in locales/<code>/<room>.json: one file per capability
// and language, so each room keeps its own messages and a translator
// works file by file. A key may be defined in one file only.
//
//go:embed locales
var catalogueFiles embed.FS

// localizers holds one Localizer per supported code, built once at start
// so a broken catalogue fails every binary and test immediately.
var localizers = loadLocalizers()

func loadLocalizers() map[string]*Localizer {
	all := make(map[string]*Localizer, len(Supported))
	for _, code := range Supported {
		messages, err := readCatalogue(code)
		if err != nil {
			panic(err)
		}
		tag := language.MustParse(code)
		all[code] = &Localizer{
			lang:     code,
			tag:      tag,
			messages: messages,
			printer:  message.NewPrinter(tag),
		}
	}
	return all
}

// catalogueFilesOf lists a locale's catalogue files.
func catalogueFilesOf(code string) ([]string, error) {
	files, err := fs.Glob(catalogueFiles, "locales/"+code+"/*.json")
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no catalogue files in locales/%s", code)
	}
	return files, err
}

func readCatalogue(code string) (map[string]string, error) {
	files, err := catalogueFilesOf(code)
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	messages := map[string]string{}
	origin := map[string]string{}
	for _, path := range files {
		data, err := catalogueFiles.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		var part map[string]string
		if err := json.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", path, err)
		}
		for k, v := range part {
			if prev, dup := origin[k]; dup {
				return nil, fmt.Errorf("i18n: %s is defined in both %s and %s", k, prev, path)
			}
			messages[k], origin[k] = v, path
		}
	}
	return messages, nil
}

// IsSupported reports whether code is one of Supported.
func IsSupported(code string) bool {
	_, ok := localizers[code]
	return ok
}

// Names returns each supported locale with its own name ("Español"), in
// the order of Supported.
func Names() []LocaleName {
	names := make([]LocaleName, 0, len(Supported))
	for _, code := range Supported {
		names = append(names, LocaleName{Code: code, Name: For(code).T("language.name")})
	}
	return names
}

// For returns the cached Localizer for code; unsupported codes get the
// fallback locale so callers never handle a nil.
func For(code string) *Localizer {
	if l, ok := localizers[code]; ok {
		return l
	}
	if code != "" {
		reportMiss(code, "") // a language was asked for and English answers
	}
	return localizers[Supported[0]]
}

// Lang returns the locale code, for <html lang> and stored settings.
func (l *Localizer) Lang() string { return l.lang }

// Keys returns the sorted message keys of a locale, or nil when code is
// not supported.
func Keys(code string) []string {
	l, ok := localizers[code]
	if !ok {
		return nil
	}
	keys := make([]string, 0, len(l.messages))
	for key := range l.messages {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}

// Has reports whether the catalogue of code defines key.
func Has(code, key string) bool {
	l, ok := localizers[code]
	if !ok {
		return false
	}
	_, ok = l.messages[key]
	return ok
}
