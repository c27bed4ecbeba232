package auth

import (
	"strings"
	"testing"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id in PHC form", h)
	}
	if err := CheckPassword(h, "correct horse battery"); err != nil {
		t.Errorf("right password rejected: %v", err)
	}
	for _, wrong := range []string{"", "correct horse batter", "Correct horse battery"} {
		if CheckPassword(h, wrong) == nil {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	h2, _ := HashPassword("correct horse battery")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, broken := range []string{"", "plain", "$argon2id$v=19$m=x$a$b", "$bcrypt$whatever$x$y$z"} {
		if CheckPassword(broken, "x") == nil {
			t.Errorf("malformed hash %q accepted", broken)
		}
	}
}

func TestPasswordProblem(t *testing.T) {
	for pw, want := range map[string]string{"short": "validation.password_short", "ten chars!": "", "ñññññññññ": "validation.password_short", strings.Repeat("x", 1025): "validation.password_long"} {
		if got := PasswordProblem(pw); got != want {
			t.Errorf("PasswordProblem(%q) = %q, want %q", pw, got, want)
		}
	}
}

func TestSecretsAreHashedAndPrefixed(t *testing.T) {
	a, b := NewSecret(TokenPrefix), NewSecret(TokenPrefix)
	if a == b || !strings.HasPrefix(a, TokenPrefix) || len(a) < 40 {
		t.Fatalf("secrets %q %q", a, b)
	}
	if HashSecret(a) == HashSecret(b) || HashSecret(a) != HashSecret(a) || strings.Contains(HashSecret(a), a) {
		t.Fatal("hashes are not a stable one-way function of the secret")
	}
}
