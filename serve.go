package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/wolkvox-import/wolkvox-import/cli"
	"github.com/wolkvox-import/wolkvox-import/i18n"
	"github.com/wolkvox-import/wolkvox-import/importer/sandbox"
	"github.com/wolkvox-import/wolkvox-import/report"
	"github.com/wolkvox-import/wolkvox-import/web"
)

// runServe is `wolkvox-import serve`: the page for back-office staff. Its first line on
// stdout is the address to open, with its secret.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	helpLang, _ := i18n.Detect(langArg(args))
	p := i18n.New(helpLang)
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", p.T("flag.serve.listen"))
	noOpen := fs.Bool("no-open", false, p.T("flag.serve.no-open"))
	useSandbox := fs.Bool("sandbox", false, p.T("flag.serve.sandbox"))
	lang := fs.String("lang", "", p.T("flag.serve.lang"))
	ledgerPath := fs.String("ledger", "", p.T("flag.serve.ledger"))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), p.T("help.serve"))
		cli.PrintDefaults(fs, p)
	}
	if code, ok := parseFlagsOnly(fs, args, stdout, stderr); !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return report.ExitConfig
	}
	l, err := i18n.Detect(*lang)
	if err != nil {
		return fail(err)
	}
	opts := web.Options{
		Lang: l, Token: os.Getenv("WOLKVOX_TOKEN"), Server: os.Getenv("WOLKVOX_SERVER"),
		Operation: os.Getenv("WOLKVOX_OPERATION"), Ledger: *ledgerPath,
	}
	if dir, err := os.UserConfigDir(); err == nil {
		opts.MappingsDir = filepath.Join(dir, "wolkvox-import", "mappings")
	}
	if *useSandbox {
		sb, err := sandbox.New(sandbox.Options{Token: "sandbox-token"})
		if err != nil {
			return fail(err)
		}
		url, err := sb.Start("127.0.0.1:0")
		if err != nil {
			return fail(err)
		}
		defer sb.Close()
		opts.Sandbox, opts.SandboxToken = url, "sandbox-token"
	}
	srv, err := web.New(opts)
	if err != nil {
		return fail(err)
	}
	defer srv.Close()
	ln, url, err := srv.Listen(*listen)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintln(stdout, url)
	fmt.Fprintln(stderr, i18n.New(l).T("serve.open"))
	if !*noOpen {
		openBrowser(url)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-done:
		if err != nil {
			return fail(err)
		}
	}
	srv.Close()
	return report.ExitOK
}

// openBrowser opens url in the user's browser when there is a display; it never fails
// the command (the address is printed anyway).
func openBrowser(url string) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return
		}
		cmd = exec.Command("xdg-open", url)
	}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}
