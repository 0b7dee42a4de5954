//go:build !windows

package i18n

func windowsUILanguage() string { return "" }
