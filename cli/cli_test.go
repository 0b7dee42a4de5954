package cli

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	got := versionLine("v1.2.0", "1a2b3c4d5e6f7a8b9c0d", "2026-11-30T10:00:00Z", true, "go1.25.0")
	if want := "wolkvox-import v1.2.0 (commit 1a2b3c4d5e6f, 2026-11-30 10:00:00 UTC, with local changes) go1.25.0 "; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start with %q", got, want)
	}
	if got := versionLine("", "", "", false, "go1.25.0"); !strings.Contains(got, "dev (commit unknown (built without version control information)) go1.25.0") {
		t.Errorf("without VCS: %q", got)
	}
	if got := Version("v9"); !strings.HasPrefix(got, "wolkvox-import v9 (commit ") || !strings.Contains(got, " go1.") {
		t.Errorf("Version: %q", got)
	}
}

// --help goes to stdout and exits 0; a mistyped flag is one error line and one line
// pointing at --help, on stderr, exit 2.
func TestParse(t *testing.T) {
	newFS := func() *flag.FlagSet {
		fs := flag.NewFlagSet("import", flag.ContinueOnError)
		fs.Int("concurrency", 2, "requests in flight")
		fs.Usage = func() { fs.Output().Write([]byte("Usage: wolkvox-import import\n")) }
		return fs
	}
	t.Setenv("LC_ALL", "C")
	var out, errb bytes.Buffer
	if _, code, ok := Parse(newFS(), []string{"x.csv", "--help"}, &out, &errb); ok || code != 0 || out.String() != "Usage: wolkvox-import import\n" || errb.Len() != 0 {
		t.Errorf("--help: code %d ok %v stdout %q stderr %q", code, ok, out.String(), errb.String())
	}
	out.Reset()
	if _, code, ok := Parse(newFS(), []string{"--concurency", "1", "x.csv"}, &out, &errb); ok || code != 2 || out.Len() != 0 ||
		errb.String() != "error: unknown flag -concurency\nsee: wolkvox-import import --help\n" {
		t.Errorf("mistyped flag: code %d ok %v stdout %q stderr %q", code, ok, out.String(), errb.String())
	}
	pos, _, ok := Parse(newFS(), []string{"x.csv", "--concurrency", "1", "--", "-y.csv"}, &out, &errb)
	if !ok || strings.Join(pos, " ") != "x.csv -y.csv" {
		t.Errorf("positional %q ok %v", pos, ok)
	}
}

// Each script is written, and the ones a shell on this machine can check parse.
func TestCompletionScripts(t *testing.T) {
	cmds := []Command{{Name: "import", Flags: []string{"mapping", "rate"}}, {Name: "completion", Args: Shells}, {Name: "version"}}
	check := map[string][]string{"bash": {"bash", "-n"}, "zsh": {"zsh", "-n"}, "fish": {"fish", "--no-execute"}}
	for _, sh := range Shells {
		var b bytes.Buffer
		if !Completion(&b, sh, cmds) {
			t.Fatalf("%s: no script", sh)
		}
		if !strings.Contains(b.String(), "mapping") || !strings.Contains(b.String(), "import") {
			t.Errorf("%s script lacks the commands or flags:\n%s", sh, b.String())
		}
		if c := check[sh]; c != nil {
			if _, err := exec.LookPath(c[0]); err == nil {
				path := filepath.Join(t.TempDir(), "script")
				os.WriteFile(path, b.Bytes(), 0o644)
				if out, err := exec.Command(c[0], append(c[1:], path)...).CombinedOutput(); err != nil {
					t.Errorf("%s does not parse its script: %v\n%s\n%s", sh, err, out, b.String())
				}
			}
		}
	}
	if Completion(&bytes.Buffer{}, "tcsh", cmds) {
		t.Error("a script for tcsh")
	}
}

// In bash, completing the import command's flags offers them.
func TestBashCompletionCompletes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	var b bytes.Buffer
	Completion(&b, "bash", []Command{{Name: "import", Flags: []string{"mapping", "max-wait", "rate"}}, {Name: "completion", Args: Shells}})
	script := b.String() + `
COMP_WORDS=(wolkvox-import import --ma); COMP_CWORD=2; _wolkvox_import; echo "${COMPREPLY[@]}"
COMP_WORDS=(wolkvox-import completion p); COMP_CWORD=2; _wolkvox_import; echo "${COMPREPLY[@]}"
COMP_WORDS=(wolkvox-import com); COMP_CWORD=1; _wolkvox_import; echo "${COMPREPLY[@]}"
`
	out, err := exec.Command("bash", "-c", script).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got, want := string(out), "--mapping --max-wait\npowershell\ncompletion\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
