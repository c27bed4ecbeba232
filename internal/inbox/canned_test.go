package inbox

import (
	"context"
	"testing"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

func TestCannedAnswersCRUDAuditedAndMerged(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		c := &Canned{Locale: "es", Title: "Envío", Body: "Hola, {creator_first_name}: te escribe {sender_name} de {brand_name}."}
		if err := f.svc.SaveCanned(ctx, f.cm, c); err != nil || c.ID == 0 {
			t.Fatalf("create: %v", err)
		}
		dup := &Canned{Locale: "es", Title: "Envío", Body: "x"}
		if err := f.svc.SaveCanned(ctx, f.cm, dup); !hasField(err, "title") {
			t.Errorf("duplicate title: %v", err)
		}
		bad := &Canned{Locale: "xx", Title: "", Body: "Hi {nombre}"}
		err := f.svc.SaveCanned(ctx, f.cm, bad)
		for _, field := range []string{"title", "locale", "body"} {
			if !hasField(err, field) {
				t.Errorf("no error for %s: %v", field, err)
			}
		}
		c.Title = "Envío del paquete"
		if err := f.svc.SaveCanned(ctx, f.cm, c); err != nil {
			t.Fatal(err)
		}
		list, err := ListCanned(ctx, d, f.brand.ID, "es")
		if err != nil || len(list) != 1 || list[0].Title != "Envío del paquete" {
			t.Fatalf("list: %+v %v", list, err)
		}
		if en, _ := ListCanned(ctx, d, f.brand.ID, "en"); len(en) != 0 {
			t.Errorf("English list shows Spanish answers: %+v", en)
		}
		th := f.ask(t, "Hola", "¿Qué tal?")
		if got := MergeCanned(c.Body, th, "Carla"); got != "Hola, Lucía: te escribe Carla de Acme." {
			t.Errorf("merged: %q", got)
		}
		if err := f.svc.DeleteCanned(ctx, f.cm, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := GetCanned(ctx, d, f.brand.ID, c.ID); !isNotFound(err) {
			t.Errorf("after delete: %v", err)
		}
		var n int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_events WHERE entity = 'canned_answer'`).Scan(&n); err != nil || n != 3 {
			t.Errorf("canned answer audit events: %d %v", n, err)
		}
	})
}
