package i18n

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// keyShape is the naming convention for keys: lower-case dotted words.
var keyShape = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

func TestEveryCatalogueFileIsSupported(t *testing.T) {
	dirs, err := fs.ReadDir(catalogueFiles, "locales")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, d := range dirs {
		codes = append(codes, d.Name())
	}
	slices.Sort(codes)
	supported := slices.Sorted(slices.Values(Supported))
	if !slices.Equal(codes, supported) {
		t.Errorf("catalogue files %v, Supported %v: each needs the other", codes, Supported)
	}
}

// TestCataloguesAreSortedFlatStrings reads the raw files, because
// decoding into a map would hide duplicate keys and ordering.
func TestCataloguesAreSortedFlatStrings(t *testing.T) {
	for _, code := range Supported {
		files, err := catalogueFilesOf(code)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			checkCatalogueFile(t, path)
		}
	}
}

// TestEveryLocaleHasTheSameFiles: a room's messages are translated in a
// file of the same name in every locale.
func TestEveryLocaleHasTheSameFiles(t *testing.T) {
	names := func(code string) []string {
		files, err := catalogueFilesOf(code)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range files {
			files[i] = strings.TrimPrefix(f, "locales/"+code+"/")
		}
		return files
	}
	for _, code := range Supported[1:] {
		if got, want := names(code), names("en"); !slices.Equal(got, want) {
			t.Errorf("locales/%s has files %v, locales/en has %v", code, got, want)
		}
	}
}

func checkCatalogueFile(t *testing.T, path string) {
	{
		data, err := catalogueFiles.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			t.Fatalf("%s: want a JSON object, got %v %v", path, tok, err)
		}
		previous := ""
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			key := tok.(string)
			var msg any
			if err := dec.Decode(&msg); err != nil {
				t.Fatalf("%s: %s: %v", path, key, err)
			}
			switch text, ok := msg.(string); {
			case !ok:
				t.Errorf("%s: %s: message must be a string, got %T", path, key, msg)
			case strings.TrimSpace(text) == "":
				t.Errorf("%s: %s: message is empty", path, key)
			}
			if key == previous {
				t.Errorf("%s: %s: duplicate key", path, key)
			} else if key < previous {
				t.Errorf("%s: %s: out of order, must come before %s", path, key, previous)
			}
			if !keyShape.MatchString(key) {
				t.Errorf("%s: %s: keys are lower-case dotted words, like nav.creators", path, key)
			}
			previous = key
		}
	}
}

func TestEveryLocaleHasTheEnglishKeys(t *testing.T) {
	for _, code := range Supported {
		want := expectedKeys(code)
		got := make(map[string]bool)
		for _, key := range Keys(code) {
			got[key] = true
		}
		for _, key := range slices.Sorted(maps.Keys(want)) {
			if !got[key] {
				t.Errorf("locales/%s: missing %s", code, key)
			}
		}
		for _, key := range slices.Sorted(maps.Keys(got)) {
			if !want[key] {
				t.Errorf("locales/%s: extra %s (not in English, or a plural form %s does not use)", code, key, code)
			}
		}
	}
}

func TestPlaceholdersMatchEnglish(t *testing.T) {
	en := For("en").messages
	bases := pluralBases()
	for _, code := range Supported[1:] {
		for _, key := range Keys(code) {
			msg := For(code).messages[key]
			reference, ok := en[key]
			base, form := splitPluralKey(key, bases)
			if !ok && base != "" {
				reference, ok = en[base+".other"] // a form English lacks
			}
			if !ok {
				continue // reported by TestEveryLocaleHasTheEnglishKeys
			}
			got, want := placeholders(msg), placeholders(reference)
			// A singular-like form may spell the number out ("one file").
			if base != "" && form != "other" {
				delete(got, "n")
				delete(want, "n")
			}
			if !maps.Equal(got, want) {
				t.Errorf("locales/%s: %s has placeholders %v, English has %v",
					code, key, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
			}
		}
	}
}

// TestPluralOtherFormsShowN: N fills {n} and nothing else with the count,
// so an English "other" form without {n} renders a placeholder or no
// number at all.
func TestPluralOtherFormsShowN(t *testing.T) {
	for base := range pluralBases() {
		if msg := For("en").messages[base+".other"]; !placeholders(msg)["n"] {
			t.Errorf("locales/en: %s.other = %q has no {n}, which N fills with the count", base, msg)
		}
	}
}

// expectedKeys is the English key set with each plural group expanded to
// the forms the locale's CLDR rules use: Spanish needs .one and .other
// like English, Japanese only .other, Russian also .few and .many.
func expectedKeys(code string) map[string]bool {
	bases := pluralBases()
	want := make(map[string]bool)
	for _, key := range Keys("en") {
		if base, _ := splitPluralKey(key, bases); base == "" {
			want[key] = true
		}
	}
	forms := pluralFormsOf(language.MustParse(code))
	for base := range bases {
		for _, form := range forms {
			want[base+"."+form] = true
		}
	}
	return want
}

// pluralBases returns the keys English uses with N: those with both a
// .one and an .other form. Requiring both keeps an ordinary key such as
// "filter.other" from being taken for a plural.
func pluralBases() map[string]bool {
	bases := make(map[string]bool)
	for _, key := range Keys("en") {
		if base, ok := strings.CutSuffix(key, ".other"); ok && Has("en", base+".one") {
			bases[base] = true
		}
	}
	return bases
}

// splitPluralKey splits "search.results.one" into base and form when the
// base is a plural group; otherwise base is "".
func splitPluralKey(key string, bases map[string]bool) (base, form string) {
	i := strings.LastIndexByte(key, '.')
	if i < 0 || !bases[key[:i]] || !isPluralForm(key[i+1:]) {
		return "", ""
	}
	return key[:i], key[i+1:]
}

func isPluralForm(name string) bool {
	for _, form := range pluralNames {
		if form == name {
			return true
		}
	}
	return false
}

// pluralFormsOf lists the forms the locale's rules pick for whole numbers
// (0–1000 covers every modulo-100 rule, the powers of ten the "many"
// rules), plus "other", which N falls back to and so every locale keeps.
func pluralFormsOf(tag language.Tag) []string {
	l := testLocalizer(tag.String(), nil)
	seen := map[string]bool{"other": true}
	for n := int64(0); n <= 1000; n++ {
		seen[l.pluralForm(n)] = true
	}
	for n := int64(10_000); n <= 1e18; n *= 10 {
		seen[l.pluralForm(n)] = true
	}
	return slices.Sorted(maps.Keys(seen))
}

var placeholderPattern = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)

func placeholders(msg string) map[string]bool {
	set := make(map[string]bool)
	for _, m := range placeholderPattern.FindAllStringSubmatch(msg, -1) {
		set[m[1]] = true
	}
	return set
}

func TestPluralFormsOf(t *testing.T) {
	tests := map[string][]string{
		"en": {"one", "other"},
		"es": {"one", "other"},
		"ja": {"other"},
		"ru": {"few", "many", "one", "other"},
	}
	for code, want := range tests {
		if got := pluralFormsOf(language.MustParse(code)); !slices.Equal(got, want) {
			t.Errorf("pluralFormsOf(%s) = %v, want %v", code, got, want)
		}
	}
}
