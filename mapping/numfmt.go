package mapping

// BuiltinFormats are the codes of the built-in number format ids (ECMA-376 18.8.30); a
// workbook's own numFmt with the same id wins (Apple Numbers redefines them). Ids 27-36 and
// 50-58 are East Asian date formats: any date code stands for them here.
var BuiltinFormats = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
	5: `"$"#,##0_);\("$"#,##0\)`, 6: `"$"#,##0_);[Red]\("$"#,##0\)`,
	7: `"$"#,##0.00_);\("$"#,##0.00\)`, 8: `"$"#,##0.00_);[Red]\("$"#,##0.00\)`,
	9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
	14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
	37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
	40: "#,##0.00;[Red](#,##0.00)",
	41: `_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)`, 42: `_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)`,
	43: `_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)`, 44: `_("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)`,
	45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}

func init() {
	builtinIDs = make(map[string]int, len(BuiltinFormats))
	for id := 27; id <= 36; id++ {
		BuiltinFormats[id] = "yyyy-mm-dd"
	}
	for id := 50; id <= 58; id++ {
		BuiltinFormats[id] = "yyyy-mm-dd"
	}
	for id, code := range BuiltinFormats {
		if _, dup := builtinIDs[code]; !dup || id < builtinIDs[code] {
			builtinIDs[code] = id
		}
	}
}

var builtinIDs map[string]int

// BuiltinFormatID is the built-in id of a format code, so that a results workbook writes
// a built-in format (which Excel shows in the user's locale) as the id it was.
func BuiltinFormatID(code string) (int, bool) {
	id, ok := builtinIDs[code]
	return id, ok
}
