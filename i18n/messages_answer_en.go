package i18n

import "golang.org/x/text/message/catalog"

func init() { register(EN, answerEN) }

// answerEN: what the Wolkvox client says about an answer (or its absence): what went
// wrong and what to check. The server's own words are an argument, as it wrote them.
var answerEN = map[string]catalog.Message{
	"answer.uncertain_advice": catalog.String("the meeting may have been created: check in Wolkvox before re-sending it (it is not re-sent automatically; --retry-uncertain sends it)"),
	"answer.empty_text":       catalog.String("(an empty body)"),
	"answer.with_empty_body":  catalog.String(" with an empty body"),
	"answer.no_api":           catalog.String("the server answered %[1]d %[2]s: this is not a Wolkvox insert API; check --server (or WOLKVOX_SERVER)"),
	"answer.bad_token":        catalog.String("the server refused the token (%[1]d %[2]s): put a valid token in WOLKVOX_TOKEN or in the file given to --token-file"),
	"answer.gateway":          catalog.String("a gateway between here and Wolkvox answered HTTP %[1]d%[2]s instead of the server's answer: %[3]s"),
	"answer.redirect":         catalog.String("the server answered %[1]d redirecting to %[2]q; the token is never sent to another address: put the final address in --server"),
	"answer.too_large":        catalog.String("the server answered HTTP %[1]d with a body larger than %[2]d MiB (Wolkvox's answers are a few hundred bytes), not read: %[3]s"),
	"answer.empty_2xx":        catalog.String("the server answered HTTP %[1]d with an empty body, without the wolkvox_id that confirms the meeting: %[2]s"),
	"answer.not_json":         catalog.String("the server answered HTTP %[1]d but its answer is not the JSON Wolkvox sends: %[2]s: %[3]s"),
	"answer.text_before_json": catalog.String("the server answered HTTP %[1]d but its answer has other text before its JSON (a warning the server printed): %[2]s: %[3]s"),
	"answer.seems_id":         catalog.String("; the answer seems to name wolkvox_id %[1]s"),
	"answer.names_id":         catalog.String("; the answer names wolkvox_id %[1]s"),
	"answer.not_200":          catalog.String("the server answered HTTP %[1]d instead of 200%[2]s: %[3]s"),
	"answer.no_id":            catalog.String("the server answered success%[1]s without a wolkvox_id: %[2]s"),
	"answer.empty.retryable":  catalog.String("the server answered HTTP %[1]d with an empty body (overloaded or an internal error; nothing was created): try again later"),
	"answer.empty":            catalog.String("the server answered HTTP %[1]d with an empty body"),
	"answer.empty.why":        catalog.String("the server answered HTTP %[1]d with an empty body, without saying why: check the row and --server; if it happens again, ask Wolkvox support what HTTP %[1]d means for the insert API"),
	"answer.request":          catalog.String("cannot build the request: %[1]s"),
	"answer.cut_off":          catalog.String("the answer (HTTP %[1]d) was cut off (%[2]s): %[3]s"),
	"answer.timeout":          catalog.String("no answer within %[1]s; the meeting may have been created: check in Wolkvox before re-sending (--retry-uncertain)"),
	"answer.lost":             catalog.String("the connection was lost after sending; the meeting may have been created: check in Wolkvox before re-sending (--retry-uncertain): %[1]s"),
	"answer.token_header":     catalog.String("the token cannot be sent as an HTTP header: it holds a line break or another control character; put only the token, on one line, in WOLKVOX_TOKEN or in the file given to --token-file"),
	"answer.proxy":            catalog.String("cannot connect to %[1]s through the proxy (%[2]s): check HTTPS_PROXY / HTTP_PROXY / NO_PROXY"),
	"answer.dns":              catalog.String("cannot find the server %[1]s (DNS: %[2]s): check --server (or WOLKVOX_SERVER) and this machine's network"),
	"answer.dns.no_such_host": catalog.String("no such host"),
	"answer.refused":          catalog.String("the server %[1]s refused the connection (nothing listens on that port): check --server (or WOLKVOX_SERVER), and that the server is running"),
	"answer.files":            catalog.String("cannot open a connection: this process may not open more files (too many open files, the limit of ulimit -n): raise it (ulimit -n 4096) or lower --concurrency"),
	"answer.tls.name":         catalog.String("the TLS certificate of %[1]s is for another name (%[2]s): check --server (or WOLKVOX_SERVER)"),
	"answer.tls.invalid":      catalog.String("the TLS certificate of %[1]s is not valid (%[2]s): check --server, and this machine's date and time"),
	"answer.tls.untrusted":    catalog.String("the TLS certificate of %[1]s is not trusted (%[2]s): check --server; if this network inspects TLS, add its certificate authority to the system's trust store (or point SSL_CERT_FILE at it)"),
	"answer.plain_http":       catalog.String("%[1]s answers plain http, not https: check --server (its scheme and port)"),
	"answer.tls.handshake":    catalog.String("the TLS handshake with %[1]s failed (%[2]s): check --server (its scheme and port)"),
	"answer.connect_timeout":  catalog.String("no connection to %[1]s within %[2]s: check --server (or WOLKVOX_SERVER) and this machine's network"),
	"answer.connect":          catalog.String("cannot connect to %[1]s (%[2]s): check --server (or WOLKVOX_SERVER) and this machine's network"),
	"server.none":             catalog.String("no server: set --server HOST or WOLKVOX_SERVER (for a try-out, use --sandbox)"),
	"server.not_host":         catalog.String("server %[1]q is not a host name or URL; write it as wv0001.wolkvox.com or https://wv0001.wolkvox.com"),
	"server.plain_http":       catalog.String("server %[1]q: plain http is allowed only to this machine (127.0.0.1, ::1, localhost); use https"),
	"server.scheme":           catalog.String("server %[1]q: scheme %[2]q is not supported; use https"),
	"server.extra":            catalog.String("server %[1]q: give only the scheme and host, without user, query or fragment"),
}
