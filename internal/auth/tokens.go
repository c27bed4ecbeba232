package auth

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/db"
)

// Token is a brand's API token. The secret is shown once at creation and
// only its hash is stored.
type Token struct {
	ID         int64        `json:"id"`
	BrandID    int64        `json:"-"`
	Name       string       `json:"name"`
	Prefix     string       `json:"prefix"` // first characters, to recognise it
	Scopes     []Permission `json:"scopes"`
	CreatedBy  int64        `json:"-"`
	CreatedAt  time.Time    `json:"created_at"`
	LastUsedAt *time.Time   `json:"last_used_at"`
	RevokedAt  *time.Time   `json:"revoked_at"`
}

// ValidateTokenRequest checks a name and scopes for a new token; the
// scopes must be ones the creator holds.
func ValidateTokenRequest(name string, scopes []Permission, creator *Principal) apperr.Fields {
	var f apperr.Fields
	if strings.TrimSpace(name) == "" {
		f.Add("name", "validation.required", "This field is required.")
	} else if len(name) > 100 {
		f.Add("name", "validation.too_long", "Use at most 100 characters.", "max", 100)
	}
	if len(scopes) == 0 {
		f.Add("scopes", "validation.scopes_required", "Choose at least one scope.")
	}
	for _, s := range scopes {
		if !ValidScope(s) {
			f.Add("scopes", "validation.scope_unknown", "Unknown scope "+string(s)+".", "scope", string(s))
		} else if !creator.Can(s) {
			f.Add("scopes", "validation.scope_not_held", "You cannot give a token the scope "+string(s)+", which you do not hold.", "scope", string(s))
		}
	}
	return f
}

// CreateToken stores a new token and returns its secret.
func CreateToken(ctx context.Context, q db.Querier, brandID int64, name string, scopes []Permission, createdBy int64, now time.Time) (string, *Token, error) {
	secret := NewSecret(TokenPrefix)
	t := &Token{BrandID: brandID, Name: strings.TrimSpace(name), Prefix: secret[:len(TokenPrefix)+6], Scopes: scopes, CreatedBy: createdBy, CreatedAt: now.UTC().Truncate(time.Millisecond)}
	err := q.QueryRowContext(ctx, `INSERT INTO api_tokens (brand_id, name, token_hash, prefix, scopes, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, brandID, t.Name, HashSecret(secret), t.Prefix, joinScopes(scopes), nullID(createdBy), now.UnixMilli()).Scan(&t.ID)
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

const tokenColumns = `id, brand_id, name, prefix, scopes, COALESCE(created_by, 0), created_at, last_used_at, revoked_at`

func scanToken(row interface{ Scan(...any) error }) (*Token, error) {
	t := &Token{}
	var scopes string
	var created int64
	var used, revoked sql.NullInt64
	if err := row.Scan(&t.ID, &t.BrandID, &t.Name, &t.Prefix, &scopes, &t.CreatedBy, &created, &used, &revoked); err != nil {
		return nil, err
	}
	t.Scopes = splitScopes(scopes)
	t.CreatedAt = ms(created)
	if used.Valid {
		u := ms(used.Int64)
		t.LastUsedAt = &u
	}
	if revoked.Valid {
		r := ms(revoked.Int64)
		t.RevokedAt = &r
	}
	return t, nil
}

// TokenBySecret returns the live (not revoked) token for a bearer secret.
func TokenBySecret(ctx context.Context, q db.Querier, secret string) (*Token, error) {
	t, err := scanToken(q.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL`, HashSecret(secret)))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.Unauthorized, "The API token is not valid or was revoked.")
	}
	return t, err
}

// MarkTokenUsed records when a token was last used, at most once a minute.
func MarkTokenUsed(ctx context.Context, q db.Querier, t *Token, now time.Time) error {
	if t.LastUsedAt != nil && now.Sub(*t.LastUsedAt) < time.Minute {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, now.UnixMilli(), t.ID)
	return err
}

// ListTokens returns a brand's tokens, newest first, revoked ones too.
func ListTokens(ctx context.Context, q db.Querier, brandID int64) ([]Token, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE brand_id = ? ORDER BY id DESC`, brandID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// RevokeToken revokes a brand's token; another brand's id is not found.
func RevokeToken(ctx context.Context, q db.Querier, brandID, id int64, now time.Time) (*Token, error) {
	t, err := scanToken(q.QueryRowContext(ctx, `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND brand_id = ?
		RETURNING `+tokenColumns, now.UnixMilli(), id, brandID))
	if db.IsNoRows(err) {
		return nil, apperr.New(apperr.NotFound, "token not found")
	}
	return t, err
}

func joinScopes(s []Permission) string {
	parts := make([]string, len(s))
	for i, p := range s {
		parts[i] = string(p)
	}
	return strings.Join(parts, " ")
}

func splitScopes(s string) []Permission {
	var out []Permission
	for _, f := range strings.Fields(s) {
		out = append(out, Permission(f))
	}
	return out
}
