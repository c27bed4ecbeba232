package kb

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/db/dbtest"
)

// benchArticles is the figure: 5,000 articles, each in the six
// languages (30,000 versions).
const benchArticles = 5000

// benchVocab gives each language words with and without accents; the
// generator draws them with a skewed frequency, so some words are in
// most articles and others in a few, as in real text.
var benchVocab = map[string][]string{
	"en":    strings.Fields("creator campaign brief budget invite import review applicant inbox reply timer hours utilization contract statement pipeline stage tag export coupon shipment deliverable rights portal offer accept decline counter report metric audience language search article team brand account manager community executive viewer token permission audit session password email template follow limit queue calendar deadline"),
	"es":    strings.Fields("creador campaña briefing presupuesto invitar importar revisar aspirante bandeja respuesta temporizador horas utilización contrato extracto etapa etiqueta exportar cupón envío entregable derechos portal oferta aceptar rechazar contraoferta informe métrica audiencia idioma búsqueda artículo equipo marca cuenta gestión comunidad ejecutivo permiso auditoría sesión contraseña correo plantilla seguimiento límite cola calendario plazo"),
	"fr":    strings.Fields("créateur campagne brief budget inviter importer réviser candidat boîte réponse minuteur heures utilisation contrat relevé étape étiquette exporter coupon expédition livrable droits portail offre accepter refuser contreproposition rapport métrique audience langue recherche article équipe marque compte gestionnaire communauté exécutif permission audit session mot passe courriel modèle relance limite file calendrier échéance"),
	"de":    strings.Fields("ersteller kampagne briefing budget einladen importieren prüfen bewerber posteingang antwort zeitmesser stunden auslastung vertrag abrechnung phase schlagwort exportieren gutschein versand lieferung rechte portal angebot annehmen ablehnen gegenangebot bericht kennzahl publikum sprache suche artikel team marke konto verwalter gemeinschaft leitung berechtigung prüfprotokoll sitzung passwort email vorlage nachfassen grenze warteschlange kalender frist größe"),
	"pt-BR": strings.Fields("criador campanha briefing orçamento convidar importar revisar candidato caixa resposta cronômetro horas utilização contrato extrato etapa etiqueta exportar cupom envio entregável direitos portal oferta aceitar recusar contraproposta relatório métrica público idioma busca artigo equipe marca conta gerente comunidade executivo permissão auditoria sessão senha email modelo acompanhamento limite fila calendário prazo ação"),
	"ja":    strings.Fields("クリエイター キャンペーン 概要 予算 招待 インポート 審査 応募者 受信箱 返信 タイマー 時間 稼働率 契約 明細 段階 タグ エクスポート クーポン 発送 成果物 権利 ポータル オファー 承諾 辞退 逆提案 報告 指標 視聴者 言語 検索 記事 チーム ブランド アカウント 担当者 コミュニティ 役員 権限 監査 セッション パスワード メール テンプレート 追跡 上限 順番 予定表 期限"),
}

// benchText draws n words of lang; Japanese is written without spaces.
func benchText(r *rand.Rand, lang string, n int) string {
	vocab := benchVocab[lang]
	words := make([]string, n)
	for i := range words {
		// Skewed: index = len × u², so early words are common.
		u := r.Float64()
		words[i] = vocab[int(float64(len(vocab))*u*u)]
	}
	if lang == "ja" {
		return strings.Join(words, "") + "。"
	}
	return strings.Join(words, " ") + "."
}

// seedBench writes the articles straight into the tables (the way the
// store does, without a revision each, which search never reads).
func seedBench(b *testing.B, d *db.DB) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	now := time.Now().UnixMilli()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		for i := 0; i < benchArticles; i++ {
			var id int64
			audience := AudienceBrand
			if i%5 == 0 {
				audience = AudienceCreator
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO kb_articles (slug, category, audience, revision, created_at, updated_at)
				VALUES (?, ?, ?, 1, ?, ?) RETURNING id`, fmt.Sprintf("article-%d", i), Categories[i%len(Categories)], audience, now, now).Scan(&id); err != nil {
				return err
			}
			for _, l := range Locales {
				title := benchText(r, l, 6)
				body := benchText(r, l, 180)
				if _, err := tx.ExecContext(ctx, `INSERT INTO kb_versions (article_id, locale, title, body, search_title, search_body, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?)`, id, l, title, body, indexText(title), indexText(body), now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if d.Dialect() == db.Postgres {
		if _, err := d.ExecContext(ctx, `ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
}

// benchQueries are searches readers type: a common word, rare ones,
// accents left out or added, a prefix while typing, two words, Japanese.
var benchQueries = []struct{ name, q string }{
	{"common", "campaign"},
	{"rare", "deadline"},
	{"unaccented", "campana"},
	{"accented", "créateur"},
	{"prefix", "pre"},
	{"two_words", "budget contract"},
	{"japanese", "予算"},
}

// BenchmarkSearch measures a knowledge-base search (the ranked best 30 of
// the brand-facing articles, loaded in the reader's language) over 5,000
// articles in 6 languages, on each engine; p50-ms is the median and
// cpu-ms/op the CPU time of the test process and its PostgreSQL server
// processes per search (see dbtest.CPU).
func BenchmarkSearch(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			var d *db.DB
			if engine == "sqlite" {
				d = dbtest.SQLite(b)
			} else {
				d = dbtest.Postgres(b)
			}
			seedBench(b, d)
			ctx := context.Background()
			for _, bq := range benchQueries {
				b.Run(bq.name, func(b *testing.B) {
					n := 0
					benchMedian(b, d, func() {
						got, _, err := Search(ctx, d, AudienceBrand, bq.q, "es", searchLimit)
						if err != nil {
							b.Fatal(err)
						}
						n = len(got)
					})
					if n == 0 {
						b.Fatalf("%q found nothing", bq.q)
					}
				})
			}
		})
	}
}

// benchMedian runs f b.N times after one warm-up and reports the median
// and, where it can be read, the CPU time per run.
func benchMedian(b *testing.B, d *db.DB, f func()) {
	f()
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	cpu0, cpuOK := dbtest.CPU(ctx, d)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		f()
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	if cpu1, ok := dbtest.CPU(ctx, d); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}
