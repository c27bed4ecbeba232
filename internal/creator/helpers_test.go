package creator

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// newBrand inserts a brand and returns its id.
func newBrand(t testing.TB, d *db.DB, slug string) int64 {
	t.Helper()
	var id int64
	err := d.WriteQueryRowContext(context.Background(), `INSERT INTO brands (slug, name, created_at) VALUES (?, ?, ?) RETURNING id`,
		slug, slug, t0.UnixMilli()).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// mustCreate validates and creates a creator, failing the test on error.
func mustCreate(t testing.TB, d *db.DB, s *Store, brandID int64, f Fields, now time.Time) *Creator {
	t.Helper()
	c, err := create(d, s, brandID, f, now)
	if err != nil {
		t.Fatalf("create %q: %v", f.DisplayName, err)
	}
	return c
}

func create(d *db.DB, s *Store, brandID int64, f Fields, now time.Time) (*Creator, error) {
	if errs := Validate(&f); len(errs) > 0 {
		return nil, errs.Err()
	}
	var c *Creator
	err := d.InTx(context.Background(), func(tx *db.Tx) error {
		var err error
		c, err = s.Create(context.Background(), tx, brandID, f, now)
		return err
	})
	return c, err
}

func inTx(t testing.TB, d *db.DB, fn func(tx *db.Tx) error) {
	t.Helper()
	if err := d.InTx(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func wantCode(t testing.TB, err error, code apperr.Code) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v; want code %s", err, code)
	}
	return e
}

func acct(platform, handle string, followers int64) SocialAccountInput {
	return SocialAccountInput{Platform: platform, Handle: handle, Followers: followers}
}
