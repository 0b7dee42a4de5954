package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
)

// The admin endpoints let tests of the real binary, running in another
// process, inspect and steer the sandbox. They need no token: the sandbox
// holds only test data.
const adminPrefix = "/sandbox/"

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case adminPrefix + "records":
		if allow(w, r, http.MethodGet) {
			writeAdminJSON(w, http.StatusOK, s.Records())
		}
	case adminPrefix + "requests":
		if allow(w, r, http.MethodGet) {
			writeAdminJSON(w, http.StatusOK, s.Requests())
		}
	case adminPrefix + "faults":
		if !allow(w, r, http.MethodPost) {
			return
		}
		script, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err == nil {
			err = s.SetFaults(string(script))
		}
		if err != nil {
			writeAdminError(w, http.StatusBadRequest, err.Error())
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case adminPrefix + "reset":
		if allow(w, r, http.MethodPost) {
			s.Reset()
			w.WriteHeader(http.StatusNoContent)
		}
	default:
		writeAdminError(w, http.StatusNotFound, "unknown sandbox endpoint; there are GET /sandbox/records, GET /sandbox/requests, POST /sandbox/faults, POST /sandbox/reset")
	}
	s.logf("sandbox: %s %s", r.Method, r.URL.Path)
}

// allow answers 405 unless r uses method.
func allow(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method == method {
		return true
	}
	w.Header().Set("Allow", method)
	writeAdminError(w, http.StatusMethodNotAllowed, r.URL.Path+" takes "+method)
	return false
}

func writeAdminError(w http.ResponseWriter, status int, msg string) {
	writeAdminJSON(w, status, map[string]string{"error": msg})
}

func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) // a failed write is the client's loss
}
