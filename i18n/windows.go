//go:build windows

package i18n

import "golang.org/x/sys/windows"

// windowsUILanguage is the user's UI language, e.g. "es-CO".
func windowsUILanguage() string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil || len(langs) == 0 {
		return ""
	}
	return langs[0]
}
