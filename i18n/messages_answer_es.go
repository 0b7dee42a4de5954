package i18n

import "golang.org/x/text/message/catalog"

func init() { register(ES, answerES) }

// answerES: lo que dice el cliente de Wolkvox sobre una respuesta (o su falta). Las
// palabras del servidor van como argumento, tal como las escribió.
var answerES = map[string]catalog.Message{
	"answer.uncertain_advice": catalog.String("la reunión puede haberse creado: revise en Wolkvox antes de enviarla de nuevo (no se reenvía sola; --retry-uncertain la envía)"),
	"answer.empty_text":       catalog.String("(un cuerpo vacío)"),
	"answer.with_empty_body":  catalog.String(" con el cuerpo vacío"),
	"answer.no_api":           catalog.String("el servidor respondió %[1]d %[2]s: esta no es una API insert de Wolkvox; revise --server (o WOLKVOX_SERVER)"),
	"answer.bad_token":        catalog.String("el servidor rechazó el token (%[1]d %[2]s): ponga un token válido en WOLKVOX_TOKEN o en el archivo indicado con --token-file"),
	"answer.gateway":          catalog.String("una pasarela entre este computador y Wolkvox respondió HTTP %[1]d%[2]s en vez de la respuesta del servidor: %[3]s"),
	"answer.redirect":         catalog.String("el servidor respondió %[1]d con una redirección a %[2]q; el token nunca se envía a otra dirección: ponga la dirección final en --server"),
	"answer.too_large":        catalog.String("el servidor respondió HTTP %[1]d con un cuerpo de más de %[2]d MiB (las respuestas de Wolkvox tienen unos cientos de bytes), que no se leyó: %[3]s"),
	"answer.empty_2xx":        catalog.String("el servidor respondió HTTP %[1]d con el cuerpo vacío, sin el wolkvox_id que confirma la reunión: %[2]s"),
	"answer.not_json":         catalog.String("el servidor respondió HTTP %[1]d, pero su respuesta no es el JSON que envía Wolkvox: %[2]s: %[3]s"),
	"answer.text_before_json": catalog.String("el servidor respondió HTTP %[1]d, pero su respuesta tiene otro texto antes del JSON (una advertencia que imprimió el servidor): %[2]s: %[3]s"),
	"answer.seems_id":         catalog.String("; la respuesta parece indicar el wolkvox_id %[1]s"),
	"answer.names_id":         catalog.String("; la respuesta indica el wolkvox_id %[1]s"),
	"answer.not_200":          catalog.String("el servidor respondió HTTP %[1]d en vez de 200%[2]s: %[3]s"),
	"answer.no_id":            catalog.String("el servidor respondió que tuvo éxito%[1]s, sin un wolkvox_id: %[2]s"),
	"answer.empty.retryable":  catalog.String("el servidor respondió HTTP %[1]d con el cuerpo vacío (sobrecarga o un error interno; no se creó nada): intente más tarde"),
	"answer.empty":            catalog.String("el servidor respondió HTTP %[1]d con el cuerpo vacío"),
	"answer.empty.why":        catalog.String("el servidor respondió HTTP %[1]d con el cuerpo vacío, sin decir por qué: revise la fila y --server; si vuelve a pasar, pregunte al soporte de Wolkvox qué significa HTTP %[1]d en la API insert"),
	"answer.request":          catalog.String("no se puede armar la solicitud: %[1]s"),
	"answer.cut_off":          catalog.String("la respuesta (HTTP %[1]d) llegó cortada (%[2]s): %[3]s"),
	"answer.timeout":          catalog.String("no hubo respuesta en %[1]s; la reunión puede haberse creado: revise en Wolkvox antes de enviarla de nuevo (--retry-uncertain)"),
	"answer.lost":             catalog.String("la conexión se perdió después del envío; la reunión puede haberse creado: revise en Wolkvox antes de enviarla de nuevo (--retry-uncertain): %[1]s"),
	"answer.token_header":     catalog.String("el token no se puede enviar como encabezado HTTP: tiene un salto de línea u otro carácter de control; ponga solo el token, en una línea, en WOLKVOX_TOKEN o en el archivo indicado con --token-file"),
	"answer.proxy":            catalog.String("no se puede conectar con %[1]s a través del proxy (%[2]s): revise HTTPS_PROXY / HTTP_PROXY / NO_PROXY"),
	"answer.dns":              catalog.String("no se encuentra el servidor %[1]s (DNS: %[2]s): revise --server (o WOLKVOX_SERVER) y la red de este computador"),
	"answer.dns.no_such_host": catalog.String("no existe ese host"),
	"answer.refused":          catalog.String("el servidor %[1]s rechazó la conexión (nada escucha en ese puerto): revise --server (o WOLKVOX_SERVER) y que el servidor esté funcionando"),
	"answer.files":            catalog.String("no se puede abrir una conexión: este proceso no puede abrir más archivos (demasiados archivos abiertos, el límite de ulimit -n): súbalo (ulimit -n 4096) o baje --concurrency"),
	"answer.tls.name":         catalog.String("el certificado TLS de %[1]s es de otro nombre (%[2]s): revise --server (o WOLKVOX_SERVER)"),
	"answer.tls.invalid":      catalog.String("el certificado TLS de %[1]s no es válido (%[2]s): revise --server, y la fecha y la hora de este computador"),
	"answer.tls.untrusted":    catalog.String("el certificado TLS de %[1]s no es de confianza (%[2]s): revise --server; si esta red inspecciona TLS, agregue su autoridad de certificación al almacén de confianza del sistema (o indíquela con SSL_CERT_FILE)"),
	"answer.plain_http":       catalog.String("%[1]s responde en http simple, no en https: revise --server (su esquema y su puerto)"),
	"answer.tls.handshake":    catalog.String("falló el saludo TLS con %[1]s (%[2]s): revise --server (su esquema y su puerto)"),
	"answer.connect_timeout":  catalog.String("no hubo conexión con %[1]s en %[2]s: revise --server (o WOLKVOX_SERVER) y la red de este computador"),
	"answer.connect":          catalog.String("no se puede conectar con %[1]s (%[2]s): revise --server (o WOLKVOX_SERVER) y la red de este computador"),
	"server.none":             catalog.String("no hay servidor: indique --server HOST o WOLKVOX_SERVER (para probar, use --sandbox)"),
	"server.not_host":         catalog.String("el servidor %[1]q no es un nombre de host ni una URL; escríbalo como wv0001.wolkvox.com o https://wv0001.wolkvox.com"),
	"server.plain_http":       catalog.String("servidor %[1]q: http simple solo se permite hacia este computador (127.0.0.1, ::1, localhost); use https"),
	"server.scheme":           catalog.String("servidor %[1]q: el esquema %[2]q no se admite; use https"),
	"server.extra":            catalog.String("servidor %[1]q: indique solo el esquema y el host, sin usuario, consulta ni fragmento"),
}
