package tickets

import (
	"net/http"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/rosterhq/roster/internal/apperr"
)

// Limits on attachments: big enough for screenshots and exports, small
// enough that a ticket stays a cheap row set in the shared database.
const (
	MaxAttachmentBytes = 5 << 20
	MaxAttachments     = 10
	maxFilename        = 200
)

// allowedTypes are the sniffed content types a ticket may carry: images,
// PDF, plain text and CSV (which sniffs as plain text). The type comes from
// the bytes, never from the name or the browser's claim, so an HTML page
// renamed to .png is refused.
var allowedTypes = map[string]string{
	"image/png":       "image/png",
	"image/jpeg":      "image/jpeg",
	"image/gif":       "image/gif",
	"image/webp":      "image/webp",
	"application/pdf": "application/pdf",
	"text/plain":      "text/plain; charset=utf-8",
}

// sniff returns the content type to store for data, or "" when refused.
func sniff(name string, data []byte) string {
	detected := http.DetectContentType(data)
	base, _, _ := strings.Cut(detected, ";")
	ct, ok := allowedTypes[strings.TrimSpace(base)]
	if !ok {
		return ""
	}
	if ct == "text/plain; charset=utf-8" {
		if !utf8.Valid(data) {
			return ""
		}
		if strings.EqualFold(path.Ext(name), ".csv") {
			return "text/csv; charset=utf-8"
		}
	}
	return ct
}

// checkUploads validates files about to join a ticket that already holds
// existing attachments. Field names are attachments.<n> (from 0) so each
// message sits by its file; attachments alone is about the count.
func checkUploads(errs *apperr.Fields, ups []Upload, existing int) []Attachment {
	if existing+len(ups) > MaxAttachments {
		addErr(errs, "attachments", "tickets.error.too_many_attachments", "max", MaxAttachments)
		return nil
	}
	out := make([]Attachment, 0, len(ups))
	for i, u := range ups {
		field := "attachments." + itoa(i)
		name := cleanFilename(u.Filename)
		switch {
		case len(u.Data) == 0:
			addErr(errs, field, "tickets.error.empty_attachment", "name", name)
		case len(u.Data) > MaxAttachmentBytes:
			addErr(errs, field, "tickets.error.attachment_too_big", "name", name, "max", MaxAttachmentBytes>>20)
		default:
			ct := sniff(name, u.Data)
			if ct == "" {
				addErr(errs, field, "tickets.error.attachment_type", "name", name)
				continue
			}
			out = append(out, Attachment{Filename: name, ContentType: ct, Size: int64(len(u.Data)), Data: u.Data})
		}
	}
	return out
}

// cleanFilename keeps the last path element, without control characters
// or quotes, so it can go into a Content-Disposition header safely.
func cleanFilename(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(strings.TrimSpace(name))
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' || r == utf8.RuneError {
			return -1
		}
		return r
	}, name)
	if name == "" || name == "." || name == "/" {
		name = "attachment"
	}
	for utf8.RuneCountInString(name) > maxFilename {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}
