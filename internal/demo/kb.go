package demo

import (
	"context"
	"time"

	"github.com/rosterhq/roster/internal/auth"
	"github.com/rosterhq/roster/internal/db"
	"github.com/rosterhq/roster/internal/kb"
)

// demoArticle is one knowledge-base article of the demo, in English and
// Spanish.
type demoArticle struct {
	slug, category, audience string
	en, es                   kb.Version
}

// seedKB writes the demo's knowledge base: how to use Roster as it is,
// for brand teams and for creators in the portal.
func seedKB(ctx context.Context, d *db.DB, now time.Time) error {
	svc := &kb.Service{DB: d, Now: func() time.Time { return now }}
	p := auth.NewPrincipal(auth.Principal{TokenName: "demo"}, []auth.Permission{auth.KBWrite})
	for _, a := range demoArticles {
		_, err := svc.Create(ctx, p, kb.Draft{Slug: a.slug, Category: a.category, Audience: a.audience,
			Versions: map[string]kb.Version{"en": a.en, "es": a.es}})
		if err != nil {
			return err
		}
	}
	return nil
}

var demoArticles = []demoArticle{
	{"your-first-day", "getting_started", kb.AudienceBrand,
		kb.Version{Title: "Your first day in Roster", Body: `Roster keeps a brand's creator program in one place: the creators you work with, the people applying, campaigns and their participants, conversations with creators, and the hours the team spends.

1. **Switch brand** in the header if you work for several brands (account managers do).
2. **Pick your language** at the bottom of any page; emails to you follow it.
3. Open **Creators** to see your network, **Pipeline** to see it by stage, **Applications** for new applicants.
4. Press **/** on a list to jump to its search box, and **n** to start something new where a page offers it.

What you may do depends on your role (brand executive, community manager, account manager, viewer); the permissions table in the documentation lists them.`},
		kb.Version{Title: "Tu primer día en Roster", Body: `Roster reúne el programa de creadores de una marca: los creadores con los que trabajas, quienes se postulan, las campañas y sus participantes, las conversaciones con creadores y las horas que dedica el equipo.

1. **Cambia de marca** en la cabecera si trabajas para varias (los account managers lo hacen).
2. **Elige tu idioma** al pie de cualquier página; los correos que recibes lo siguen.
3. Abre **Creadores** para ver tu red, **Pipeline** para verla por etapa y **Solicitudes** para los nuevos aspirantes.
4. Pulsa **/** en una lista para ir a su buscador y **n** para crear algo nuevo donde la página lo ofrezca.

Lo que puedes hacer depende de tu rol (brand executive, community manager, account manager, viewer); la tabla de permisos de la documentación los detalla.`}},
	{"import-creators", "creators", kb.AudienceBrand,
		kb.Version{Title: "Import your creators from a spreadsheet", Body: `Bring the network you already have from another tool as a CSV or TSV file.

1. On **Creators**, choose **Import** (you need the *creators:import* permission: community and account managers).
2. Upload the file. Roster recognises common headers such as *Username*, *Instagram*, *Follower Count*, *ER* and *Location*.
3. Check the **preview** of the first 2,000 rows: change the mapping column by column, and read the problems listed by line number.
4. Start the import. Its page shows the progress; you can leave it, the job keeps running and resumes after a restart.

Creators are matched on platform and handle, so importing the same file twice changes nothing. Rows with problems never stop an import: download them, fix them and import them again. **Export CSV** on the creator list writes a file in the same layout.`},
		kb.Version{Title: "Importa tus creadores desde una hoja de cálculo", Body: `Trae la red que ya tienes en otra herramienta como archivo CSV o TSV.

1. En **Creadores**, elige **Importar** (necesitas el permiso *creators:import*: community y account managers).
2. Sube el archivo. Roster reconoce encabezados habituales como *Username*, *Instagram*, *Follower Count*, *ER* y *Location*.
3. Revisa la **vista previa** de las primeras 2.000 filas: cambia la correspondencia columna a columna y lee los problemas indicados por número de línea.
4. Inicia la importación. Su página muestra el progreso; puedes salir, el trabajo sigue y se reanuda tras un reinicio.

Los creadores se reconocen por plataforma y usuario, así que importar dos veces el mismo archivo no cambia nada. Las filas con problemas nunca detienen una importación: descárgalas, corrígelas e impórtalas de nuevo. **Exportar CSV** en la lista de creadores escribe un archivo con el mismo formato.`}},
	{"review-applicants", "recruiting", kb.AudienceBrand,
		kb.Version{Title: "Review applicants from the keyboard", Body: `Creators apply on your brand's public page, ` + "`/apply/<your-brand>`" + `, once someone with *recruiting:configure* opens it under **Applications → Application page and scoring** (questions, targets and the review rubric).

Open **Applications → Review** to work the queue:

| key | does |
|---|---|
| 1–5 | scores the highlighted criterion and moves to the next |
| a | approves |
| d | declines (asks for a reason) |
| s or j | skips to the next applicant |
| k | goes back |

Each application also shows an automatic score with its reasons. Approving or declining moves the creator to the matching pipeline stage, and the change is kept in the creator's stage history.`},
		kb.Version{Title: "Revisa aspirantes con el teclado", Body: `Los creadores se postulan en la página pública de tu marca, ` + "`/apply/<tu-marca>`" + `, cuando alguien con *recruiting:configure* la abre en **Solicitudes → Página de solicitud y puntuación** (preguntas, objetivos y la rúbrica de revisión).

Abre **Solicitudes → Revisar** para trabajar la cola:

| tecla | hace |
|---|---|
| 1–5 | puntúa el criterio resaltado y pasa al siguiente |
| a | aprueba |
| d | rechaza (pide un motivo) |
| s o j | salta al siguiente aspirante |
| k | vuelve atrás |

Cada solicitud muestra además una puntuación automática con sus motivos. Aprobar o rechazar mueve al creador a la etapa correspondiente del pipeline, y el cambio queda en su historial de etapas.`}},
	{"invite-creators", "recruiting", kb.AudienceBrand,
		kb.Version{Title: "Invite creators and follow up", Body: `Under **Invitations**, write your email templates in English and Spanish with merge fields such as *{creator_name}*, *{brand_name}* and *{accept_link}*, and choose after how many days and how many times Roster follows up.

Tick creators on **Creators** and choose **Invite…**. Each creator gets the email in their language. Follow-ups stop by themselves when the creator answers. The brand's daily limit (200 emails by default) is never exceeded: the rest wait for the next day with room, and the queue shows them.`},
		kb.Version{Title: "Invita a creadores y haz seguimiento", Body: `En **Invitaciones**, escribe tus plantillas de correo en inglés y español con campos como *{creator_name}*, *{brand_name}* y *{accept_link}*, y elige tras cuántos días y cuántas veces Roster hace seguimiento.

Marca creadores en **Creadores** y elige **Invitar…**. Cada creador recibe el correo en su idioma. Los seguimientos se detienen solos cuando el creador responde. El límite diario de la marca (200 correos por defecto) nunca se supera: el resto espera al siguiente día con hueco, y la cola los muestra.`}},
	{"set-up-a-campaign", "campaigns", kb.AudienceBrand,
		kb.Version{Title: "Set up a campaign", Body: `Open **Campaigns** and choose **New campaign** (you need *campaigns:write*).

- **Brief**: write it in markdown; it is shown formatted, and any HTML is removed.
- **Budget** in one currency, with the number of participants you expect; Roster warns when the default fee times the participants goes over it.
- **Default offer**: product, coupon code, commission, flat fee, in any combination.
- **Deliverables**: platform, type, count, due date, required hashtags, mentions and disclosure.
- **Usage-rights terms**: publishing writes a new version; creators keep the version they accepted.

A campaign moves draft → recruiting → active → completed → archived. Opening recruiting needs dates, at least one deliverable and published terms. Only drafts can be deleted; later, archive instead.`},
		kb.Version{Title: "Crea una campaña", Body: `Abre **Campañas** y elige **Nueva campaña** (necesitas *campaigns:write*).

- **Briefing**: escríbelo en markdown; se muestra con formato y se elimina cualquier HTML.
- **Presupuesto** en una moneda, con el número de participantes que esperas; Roster avisa cuando la tarifa por defecto por los participantes lo supera.
- **Oferta por defecto**: producto, código de cupón, comisión, tarifa fija, en cualquier combinación.
- **Entregables**: plataforma, tipo, cantidad, fecha de entrega, hashtags, menciones y aviso publicitario obligatorios.
- **Condiciones de derechos de uso**: publicar crea una versión nueva; los creadores conservan la que aceptaron.

Una campaña pasa de borrador → reclutamiento → activa → completada → archivada. Abrir el reclutamiento exige fechas, al menos un entregable y condiciones publicadas. Solo los borradores se pueden borrar; después, archívalos.`}},
	{"use-the-inbox", "inbox", kb.AudienceBrand,
		kb.Version{Title: "Answer creators in the inbox", Body: `**Inbox** holds every conversation with creators, general or about a campaign. Creators write from the portal or by answering an email; you answer in Roster.

Keys on the list: **j**/**k** move, **Enter** opens, **/** searches. In a conversation: **r** replies, **c** then **1**–**9** inserts a canned answer, **Ctrl+Enter** sends, **e** closes, **a** assigns it to you, **u** goes back.

A team answer sets the conversation to *waiting on creator*; a creator's message opens it again. Canned answers are per language, and the creator's language comes first. The inbox shows first-response and resolution times and their weekly medians.`},
		kb.Version{Title: "Responde a creadores en la bandeja de entrada", Body: `La **bandeja de entrada** reúne todas las conversaciones con creadores, generales o sobre una campaña. Los creadores escriben desde el portal o respondiendo a un correo; tú respondes en Roster.

Teclas en la lista: **j**/**k** mueven, **Intro** abre, **/** busca. En una conversación: **r** responde, **c** y luego **1**–**9** inserta una respuesta guardada, **Ctrl+Intro** envía, **e** cierra, **a** te la asigna, **u** vuelve.

Una respuesta del equipo deja la conversación *esperando al creador*; un mensaje del creador la vuelve a abrir. Las respuestas guardadas son por idioma, y primero aparece la del idioma del creador. La bandeja muestra los tiempos de primera respuesta y de resolución y sus medianas semanales.`}},
	{"log-time", "program", kb.AudienceBrand,
		kb.Version{Title: "Log your time", Body: `**Time** is where community and account managers log the hours they spend on the brand, by activity (account management & strategy, influencer recruiting, campaign management, content moderation, reporting) and optionally by campaign.

- **Timer**: it runs on the server, so it survives a reload, a closed browser or another device. Starting another timer stops and logs the first.
- **By hand**: type hours as *1.5*, *1,5* or *1:30*.
- **Weekly timesheet**: correct the week's entries.
- **Suggested from your activity**: stretches of work Roster saw you do that no timer covered. One click logs one; nothing is logged without you.

Once a month is closed, its entries are locked.`},
		kb.Version{Title: "Registra tus horas", Body: `**Horas** es donde community y account managers registran el tiempo que dedican a la marca, por actividad (gestión de cuenta y estrategia, reclutamiento de influencers, gestión de campañas, moderación de contenido, informes) y, si quieres, por campaña.

- **Temporizador**: funciona en el servidor, así que sobrevive a una recarga, a cerrar el navegador o a otro dispositivo. Iniciar otro detiene y registra el primero.
- **A mano**: escribe las horas como *1.5*, *1,5* o *1:30*.
- **Hoja semanal**: corrige las entradas de la semana.
- **Sugeridas a partir de tu actividad**: tramos de trabajo que Roster te vio hacer sin temporizador. Un clic registra uno; nada se registra sin ti.

Cuando un mes se cierra, sus entradas quedan bloqueadas.`}},
	{"read-utilization", "program", kb.AudienceBrand,
		kb.Version{Title: "Read utilization and the monthly statement", Body: `**Utilization** compares, for any month, the hours each role used with what the brand's **Contract** commits (by default 40 hours for the community manager and 10 for the account manager).

You see, per role and activity: hours used, hours committed, the percentage, a burn-down chart through the month and the forecast at the current pace, for example "the account manager will use 13.5 of 10 hours". At 80 % and 100 % of a commitment Roster shows an alert and emails the people concerned, once each per month.

The **monthly statement** (page, CSV and PDF) lists every figure with the time entries behind it, so each number can be checked.`},
		kb.Version{Title: "Lee la utilización y el extracto mensual", Body: `**Utilización** compara, para cualquier mes, las horas que usó cada rol con lo que compromete el **Contrato** de la marca (por defecto 40 horas para el community manager y 10 para el account manager).

Ves, por rol y actividad: horas usadas, horas comprometidas, el porcentaje, un gráfico de consumo del mes y la previsión al ritmo actual, por ejemplo «el account manager usará 13,5 de 10 horas». Al 80 % y al 100 % de un compromiso Roster muestra un aviso y envía un correo a las personas implicadas, una vez por mes cada uno.

El **extracto mensual** (página, CSV y PDF) lista cada cifra con las entradas de tiempo que la forman, para que cada número se pueda comprobar.`}},
	{"pipeline-stages", "creators", kb.AudienceBrand,
		kb.Version{Title: "Move creators through the pipeline", Body: `**Pipeline** shows your creators as a board, one column per stage with its count. Move a creator with the form on its card (say why if you like), or focus the card and press **←** or **→**.

Stages are your brand's own: people with *recruiting:configure* add, rename, reorder and remove them under **Configure stages**. Every change of stage, from any screen or the API, is kept in the creator's **Stage history**: who, when, from, to and why.`},
		kb.Version{Title: "Mueve creadores por el pipeline", Body: `**Pipeline** muestra tus creadores como un tablero, una columna por etapa con su recuento. Mueve un creador con el formulario de su tarjeta (y di por qué si quieres), o enfoca la tarjeta y pulsa **←** o **→**.

Las etapas son las de tu marca: quien tiene *recruiting:configure* las añade, renombra, reordena y elimina en **Configurar etapas**. Cada cambio de etapa, desde cualquier pantalla o la API, queda en el **Historial de etapas** del creador: quién, cuándo, desde, hasta y por qué.`}},
	{"portal-sign-in", "portal", kb.AudienceCreator,
		kb.Version{Title: "Sign in to the creator portal", Body: `You don't need a password. Enter your email on the portal's sign-in page and we send you a link; it works once, for 15 minutes.

After signing in you see the invitations and applications of **every brand** that works with you, with one identity. Keep your **profile** and shipping address up to date there: each brand you work with receives the change.`},
		kb.Version{Title: "Entra en el portal de creadores", Body: `No necesitas contraseña. Escribe tu correo en la página de acceso del portal y te enviamos un enlace; funciona una vez, durante 15 minutos.

Al entrar ves las invitaciones y solicitudes de **todas las marcas** que trabajan contigo, con una sola identidad. Mantén al día tu **perfil** y tu dirección de envío: cada marca con la que trabajas recibe el cambio.`}},
	{"accept-an-offer", "portal", kb.AudienceCreator,
		kb.Version{Title: "Accept, decline or counter an offer", Body: `When a brand invites you to a campaign, open the offer in the portal. It shows what you would deliver, by when, what you get (product, coupon code, commission or fee) and the usage-rights terms.

- **Accept**: we keep the offer and terms exactly as you accepted them.
- **Decline**: you can say why, it helps the brand.
- **Counter-offer**: propose a different fee, quantity or delivery date, with a message. The brand accepts it or sends you a new offer.`},
		kb.Version{Title: "Acepta, rechaza o contraoferta", Body: `Cuando una marca te invita a una campaña, abre la oferta en el portal. Muestra qué entregarías, para cuándo, qué recibes (producto, código de cupón, comisión o tarifa) y las condiciones de derechos de uso.

- **Aceptar**: guardamos la oferta y las condiciones tal como las aceptaste.
- **Rechazar**: puedes decir por qué, le ayuda a la marca.
- **Contraoferta**: propón otra tarifa, cantidad o fecha de entrega, con un mensaje. La marca la acepta o te envía una oferta nueva.`}},
	{"message-the-brand", "portal", kb.AudienceCreator,
		kb.Version{Title: "Ask the brand a question", Body: `Open **Messages** in the portal to write to the brand's team, about a campaign or anything else. You can also simply answer the email we send you when the team writes: your answer arrives in the same conversation.

You get an email, in your language, when the team answers.`},
		kb.Version{Title: "Haz una pregunta a la marca", Body: `Abre **Mensajes** en el portal para escribir al equipo de la marca, sobre una campaña o cualquier otra cosa. También puedes responder sin más al correo que te enviamos cuando el equipo escribe: tu respuesta llega a la misma conversación.

Recibes un correo, en tu idioma, cuando el equipo responde.`}},
}
