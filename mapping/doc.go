// Package mapping turns spreadsheet rows into the "fields" object of Wolkvox's
// "insert activity of type meeting" request.
//
// A Mapping (from a YAML file, or Auto from the headers) says where each API field
// comes from. Bind resolves it once against a sheet's headers into a Plan, so that
// Build, which runs for every row, only reads cells and converts values. Every error
// is written for the back-office user who filled in the sheet: it names the row, the
// header as written in the sheet, what is wrong and how to fix it.
package mapping
