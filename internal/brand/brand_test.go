package brand

import "testing"

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Lumen & Pine Outdoor": "lumen-pine-outdoor",
		"Café Nube!":           "cafe-nube",
		"  --Ünïcödé--  ":      "unicode",
		"東京":                   "",
		"A":                    "a",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	if _, slug, f := Validate("Acme", ""); len(f) != 0 || slug != "acme" {
		t.Errorf("Validate(Acme) = %q, %v", slug, f)
	}
	if _, _, f := Validate("", ""); !f.Has("name") {
		t.Error("empty name accepted")
	}
	if _, _, f := Validate("東京", ""); !f.Has("slug") {
		t.Error("a name with no slug-able letters needs a slug, and none was asked for")
	}
	if _, _, f := Validate("Acme", "Bad Slug"); !f.Has("slug") {
		t.Error("bad slug accepted")
	}
}
