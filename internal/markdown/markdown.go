// Package markdown renders the markdown people type (campaign briefs,
// knowledge-base articles) as HTML that is safe to put in a page.
package markdown

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// renderer is CommonMark plus tables, strikethrough and autolinks.
// goldmark is used in its safe default: raw HTML in the source is dropped
// (never passed through) and links or images with dangerous schemes
// (javascript:, vbscript:, file:, data: other than images) lose their
// target, so the output needs no second sanitiser (docs/adr/0011).
var renderer = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))

// Render returns markdown as HTML that is safe to put in a page.
func Render(src string) template.HTML {
	var buf bytes.Buffer
	if err := renderer.Convert([]byte(src), &buf); err != nil {
		// Convert only fails when writing to buf fails, which a
		// bytes.Buffer does not; show the text escaped rather than nothing.
		return template.HTML("<pre>" + template.HTMLEscapeString(src) + "</pre>")
	}
	return template.HTML(buf.String()) // #nosec: goldmark's safe mode, tested in markdown_test.go
}
