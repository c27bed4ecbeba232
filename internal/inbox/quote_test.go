package inbox

import "testing"

func TestStripQuoted(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"gmail", "Sounds good!\n\nOn Tue, Mar 10, 2026 at 9:00 AM Acme <reply+x@in.test> wrote:\n> Tomorrow.\n> Thanks", "Sounds good!"},
		{"wrapped header", "Yes\r\n\r\nOn Tue, Mar 10, 2026 at 9:00 AM Acme Team <reply+x@in.test>\r\nwrote:\r\n> Tomorrow.", "Yes"},
		{"spanish", "¡Perfecto!\n\nEl mar, 10 mar 2026 a las 9:00, Acme escribió:\n> Mañana.", "¡Perfecto!"},
		{"outlook", "Fine.\n\n-----Original Message-----\nFrom: Acme", "Fine."},
		{"signature", "Thanks\n-- \nLucía\nmy blog", "Thanks"},
		{"trailing quotes", "ok\n\n> earlier\n>\n> more", "ok"},
		{"inline answers kept", "> when?\nTuesday\n> where?\nMadrid", "> when?\nTuesday\n> where?\nMadrid"},
		{"plain", "  just text  ", "just text"},
		{"all quoted", "> only a quote", ""},
	} {
		if got := StripQuoted(tc.in); got != tc.want {
			t.Errorf("%s: StripQuoted = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// Whatever arrives, stripping never panics and never adds text.
func FuzzStripQuoted(f *testing.F) {
	f.Add("Sounds good!\n\nOn Tue wrote:\n> x")
	f.Add("a\r\n-- \r\nsig")
	f.Add("> \n>\n")
	f.Fuzz(func(t *testing.T, s string) {
		got := StripQuoted(s)
		if len(got) > len(s) {
			t.Fatalf("StripQuoted(%q) = %q is longer", s, got)
		}
	})
}
