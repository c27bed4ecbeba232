package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"time"

	"github.com/rosterhq/roster/internal/api"
	"github.com/rosterhq/roster/internal/apperr"
	"github.com/rosterhq/roster/internal/auth"
)

// IdempotencyTTL is how long a create's response is kept for replay.
const IdempotencyTTL = 24 * time.Hour

// Idempotent makes a create honour the Idempotency-Key header: the first
// request with a key runs and its response is stored; a retry with the
// same key and body gets the stored response again (with
// Idempotent-Replayed: true) and creates nothing; the same key with a
// different body is refused, as is a retry while the first still runs.
func (d *Deps) Idempotent(h HandlerFunc) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			return h(w, r)
		}
		if len(key) > 255 {
			return apperr.New(apperr.Malformed, "Idempotency-Key must be at most 255 characters.")
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, api.MaxBodyBytes))
		if err != nil {
			return apperr.New(apperr.Malformed, "The body is larger than %d bytes.", api.MaxBodyBytes)
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		sum := sha256.Sum256(append([]byte(r.Method+" "+r.URL.Path+"\n"), body...))
		hash := hex.EncodeToString(sum[:])
		p := auth.FromContext(r.Context())
		ctx, now := r.Context(), d.Clock()

		if _, err := d.DB.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE brand_id = ? AND idem_key = ? AND created_at < ?`,
			p.BrandID, key, now.Add(-IdempotencyTTL).UnixMilli()); err != nil {
			return err
		}
		res, err := d.DB.ExecContext(ctx, `INSERT INTO idempotency_keys (brand_id, idem_key, route, request_hash, status, body, created_at)
			VALUES (?, ?, ?, ?, 0, '', ?) ON CONFLICT (brand_id, idem_key) DO NOTHING`, p.BrandID, key, r.Pattern, hash, now.UnixMilli())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return d.replay(w, r, p.BrandID, key, hash)
		}
		rec := &captureWriter{header: http.Header{}}
		if err := h(rec, r); err != nil {
			rec = &captureWriter{header: http.Header{}}
			api.WriteProblem(rec, err)
		}
		if rec.status >= 500 {
			_, _ = d.DB.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE brand_id = ? AND idem_key = ?`, p.BrandID, key)
		} else if _, err := d.DB.ExecContext(ctx, `UPDATE idempotency_keys SET status = ?, headers = ?, body = ? WHERE brand_id = ? AND idem_key = ?`,
			rec.status, replayedHeaders(rec.header), rec.body.String(), p.BrandID, key); err != nil {
			return err
		}
		rec.copyTo(w)
		return nil
	}
}

func (d *Deps) replay(w http.ResponseWriter, r *http.Request, brandID int64, key, hash string) error {
	var storedHash, headers, body string
	var status int
	if err := d.DB.QueryRowContext(r.Context(), `SELECT request_hash, status, headers, body FROM idempotency_keys WHERE brand_id = ? AND idem_key = ?`,
		brandID, key).Scan(&storedHash, &status, &headers, &body); err != nil {
		return err
	}
	switch {
	case storedHash != hash:
		return apperr.New(apperr.Invalid, "This Idempotency-Key was already used for a different request; use a new key for a new request.")
	case status == 0:
		return apperr.New(apperr.Conflict, "A request with this Idempotency-Key is still being processed; retry shortly.")
	}
	var saved map[string]string
	if err := json.Unmarshal([]byte(headers), &saved); err != nil {
		return err
	}
	for k, v := range saved {
		w.Header().Set(k, v)
	}
	w.Header().Set("Idempotent-Replayed", "true")
	w.WriteHeader(status)
	_, err := io.WriteString(w, body)
	return err
}

// captureWriter buffers a response so it can be stored and then sent.
type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (c *captureWriter) Header() http.Header { return c.header }
func (c *captureWriter) WriteHeader(s int) {
	if c.status == 0 {
		c.status = s
	}
}
func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}

func (c *captureWriter) copyTo(w http.ResponseWriter) {
	for k, v := range c.header {
		w.Header()[k] = v
	}
	if c.status == 0 {
		c.status = http.StatusOK
	}
	w.WriteHeader(c.status)
	_, _ = w.Write(c.body.Bytes())
}

// replayedHeaders are the response headers a replay must repeat.
func replayedHeaders(h http.Header) string {
	keep := map[string]string{}
	for _, k := range []string{"Content-Type", "Location"} {
		if v := h.Get(k); v != "" {
			keep[k] = v
		}
	}
	b, _ := json.Marshal(keep)
	return string(b)
}
