package mail

import (
	"strings"
	"testing"

	"github.com/rosterhq/roster/internal/auth"
)

func TestRedactSecrets(t *testing.T) {
	link := auth.NewSecret(auth.LinkPrefix)
	for in, want := range map[string]string{
		"Join here:\nhttps://r.example/invite/" + link + "\nThanks": "Join here:\nhttps://r.example/invite/rl_…\nThanks",
		"reset: https://r.example/password/reset/" + link:           "reset: https://r.example/password/reset/rl_…",
		link:                                "rl_…",
		"users_and_orders stay as they are": "users_and_orders stay as they are",
		"first_rl_ in a word, and rl_short": "first_rl_ in a word, and rl_short",
	} {
		if got := RedactSecrets(in); got != want {
			t.Errorf("RedactSecrets(%q) = %q, want %q", in, got, want)
		}
	}
	if strings.Contains(RedactSecrets("x "+link), link[3:]) {
		t.Error("the secret survived")
	}
}
