package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Command is a subcommand as completion knows it: its name and its flags.
type Command struct {
	Name  string
	Flags []string // without dashes
	Args  []string // fixed words it takes (completion's shells), else file names
}

// FlagNames are the flags of fs, sorted.
func FlagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	sort.Strings(names)
	return names
}

// Shells are the shells Completion writes a script for.
var Shells = []string{"bash", "zsh", "fish", "powershell"}

// Completion writes the completion script of shell for cmds: subcommand names first,
// then each one's flags (as --name), else file names (or its fixed words). It reports
// false for a shell it does not know.
func Completion(w io.Writer, shell string, cmds []Command) bool {
	switch shell {
	case "bash":
		bash(w, cmds)
	case "zsh":
		zsh(w, cmds)
	case "fish":
		fish(w, cmds)
	case "powershell", "pwsh":
		powershell(w, cmds)
	default:
		return false
	}
	return true
}

func names(cmds []Command) string {
	var n []string
	for _, c := range cmds {
		n = append(n, c.Name)
	}
	return strings.Join(n, " ")
}

func dashed(flags []string) string {
	out := make([]string, len(flags))
	for i, f := range flags {
		out[i] = "--" + f
	}
	return strings.Join(out, " ")
}

func bash(w io.Writer, cmds []Command) {
	fmt.Fprintf(w, `# bash completion for %[1]s: source it, or put it in ~/.local/share/bash-completion/completions/%[1]s
_wolkvox_import() {
    local cur=${COMP_WORDS[COMP_CWORD]} words=""
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "%[2]s" -- "$cur"))
        return
    fi
    case "${COMP_WORDS[1]}" in
`, Program, names(cmds))
	for _, c := range cmds {
		fmt.Fprintf(w, "        %s) words=%q; args=%q ;;\n", c.Name, dashed(c.Flags), strings.Join(c.Args, " "))
	}
	fmt.Fprintf(w, `    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    elif [ -n "$args" ]; then
        COMPREPLY=($(compgen -W "$args" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o filenames -o bashdefault -F _wolkvox_import %s
`, Program)
}

func zsh(w io.Writer, cmds []Command) {
	fmt.Fprintf(w, `#compdef %[1]s
# zsh completion for %[1]s: put it in a directory of $fpath as _%[1]s, or source it
_wolkvox_import() {
    if (( CURRENT == 2 )); then
        compadd -- %[2]s
        return
    fi
    local -a opts vals
    case $words[2] in
`, Program, names(cmds))
	for _, c := range cmds {
		fmt.Fprintf(w, "        %s) opts=(%s); vals=(%s) ;;\n", c.Name, dashed(c.Flags), strings.Join(c.Args, " "))
	}
	fmt.Fprintf(w, `    esac
    if [[ $PREFIX == -* ]]; then
        compadd -- $opts
    elif (( ${#vals} )); then
        compadd -- $vals
    else
        _files
    fi
}
compdef _wolkvox_import %s
`, Program)
}

func fish(w io.Writer, cmds []Command) {
	fmt.Fprintf(w, "# fish completion for %[1]s: put it in ~/.config/fish/completions/%[1]s.fish\n", Program)
	fmt.Fprintf(w, "complete -c %s -n __fish_use_subcommand -f -a %q\n", Program, names(cmds))
	for _, c := range cmds {
		for _, f := range c.Flags {
			fmt.Fprintf(w, "complete -c %s -n '__fish_seen_subcommand_from %s' -l %s\n", Program, c.Name, f)
		}
		if len(c.Args) > 0 {
			fmt.Fprintf(w, "complete -c %s -n '__fish_seen_subcommand_from %s' -f -a %q\n", Program, c.Name, strings.Join(c.Args, " "))
		}
	}
}

func powershell(w io.Writer, cmds []Command) {
	fmt.Fprintf(w, "# PowerShell completion for %[1]s: add it to your $PROFILE\nRegister-ArgumentCompleter -Native -CommandName '%[1]s', '%[1]s.exe' -ScriptBlock {\n", Program)
	fmt.Fprint(w, "    param($wordToComplete, $commandAst, $cursorPosition)\n    $commands = @{\n")
	for _, c := range cmds {
		words := append(strings.Fields(dashed(c.Flags)), c.Args...)
		quoted := make([]string, len(words))
		for i, s := range words {
			quoted[i] = "'" + s + "'"
		}
		fmt.Fprintf(w, "        '%s' = @(%s)\n", c.Name, strings.Join(quoted, ", "))
	}
	fmt.Fprint(w, `    }
    $elements = @($commandAst.CommandElements | ForEach-Object { $_.ToString() })
    if ($elements.Count -le 1 -or ($elements.Count -eq 2 -and $wordToComplete -ne '')) {
        $candidates = $commands.Keys
    } else {
        $candidates = $commands[$elements[1]]
    }
    $candidates | Where-Object { $_ -like "$wordToComplete*" } | Sort-Object | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`)
}
