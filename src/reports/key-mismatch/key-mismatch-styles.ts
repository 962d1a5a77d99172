/**
 * The page's only stylesheet, inlined: the HTML report is mailed around and opened offline,
 * so it may load nothing. Print rules keep table headers on every page and bars in colour.
 */
export const KEY_MISMATCH_CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#101828;background:#f9fafb}
main{max-width:1200px;margin:0 auto;padding:28px 32px 48px}
h1{font-size:26px;margin:0 0 2px}
h2{font-size:18px;margin:0 0 6px}
h3{font-size:14px;margin:18px 0 8px;color:#344054;text-transform:uppercase;letter-spacing:.04em}
.sub{color:#475467;margin:0 0 20px}
.card{background:#fff;border:1px solid #eaecf0;border-radius:10px;padding:18px 22px;margin:0 0 18px}
.kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:0 0 18px}
.kpi{background:#fff;border:1px solid #eaecf0;border-radius:10px;padding:14px 18px}
.kpi-value{font-size:28px;font-weight:700;line-height:1.1}
.kpi-label{color:#475467;font-size:13px}
.kpi.bad .kpi-value{color:#b42318}
.linkbar{display:flex;height:16px;border-radius:8px;overflow:hidden;background:#f2f4f7}
.seg{display:block;height:100%}
.legend{list-style:none;margin:8px 0 0;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px;color:#344054;font-size:13px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:0;border:1px solid #d0d5dd}
.chart{max-width:100%;height:auto;display:block}
.chart-label{font-size:13px;fill:#1d2939}
.chart a:hover .chart-label{text-decoration:underline}
.chart-track{fill:#f2f4f7}
.chart-value{font-size:12px;fill:#475467}
.cls-head{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap;border-left:5px solid var(--c);padding-left:10px;margin:0 0 6px}
.figures{color:#475467;font-size:13px}
.meaning{color:#344054;margin:0 0 12px;max-width:900px}
.none{color:#067647;margin:0}
table{width:100%;border-collapse:collapse;table-layout:fixed;font-size:12.5px}
th{text-align:left;font-weight:600;color:#475467;background:#f9fafb;border-bottom:1px solid #eaecf0;padding:6px 8px}
td{border-bottom:1px solid #f2f4f7;padding:6px 8px;vertical-align:top;overflow-wrap:anywhere}
td.num,th.num{text-align:right;white-space:nowrap}
code{display:inline-block;max-width:100%;margin:0 3px 3px 0;font:12px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f2f4f7;border-radius:3px;padding:0 3px;white-space:pre-wrap}
.id{display:block;color:#667085;font:11px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.more{color:#475467;font-size:13px;margin:10px 0 0}
footer{color:#667085;font-size:12px;margin-top:24px}
a{color:inherit}
@media print{
  body{background:#fff;font-size:10pt}
  main{max-width:none;padding:0}
  .card,.kpi{border-color:#d0d5dd;break-inside:avoid}
  .kpis{grid-template-columns:repeat(4,1fr)}
  section.cls{break-before:auto}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  @page{margin:14mm}
}
`;
