/** ExcelJS's default theme part, which it writes when a workbook has none of its own (a string). */
declare module "exceljs/lib/xlsx/xml/theme1" {
  const xml: string;
  export default xml;
}
