import ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors.ts';
import { findRoster, findRosterVersion } from '../db/roster.repo.ts';
import { datesOfMonth, instantToLocal } from '../domain/calendar/local-time.ts';
import { buildRosterSheet, type RosterSheet } from '../domain/roster/roster-sheet.ts';
import type { ServiceContext } from './context.ts';
import { loadOfficeFor } from './offices.service.ts';
import { loadMonthContext } from './rosters.service.ts';

export type ExportedFile = {
  /** the name a person sees when saving it (UTF-8) */
  filename: string;
  /** an ASCII name for clients that cannot read the UTF-8 one */
  asciiFilename: string;
  contentType: string;
  content: Buffer;
};

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The published month as the paper 《值班安排表》 in an xlsx workbook (ROSTER-1): everyone in
 * the office may download it. Only the version in force is exported (ROSTER-2); a month that
 * is not published has nothing to print.
 */
export async function exportRosterWorkbook(
  ctx: ServiceContext,
  officeId: string,
  month: string,
): Promise<ExportedFile> {
  const office = await loadOfficeFor(ctx, officeId, 'roster.read');
  const roster = await findRoster(ctx.db, office.id, month);
  const version =
    roster?.status === 'published' && roster.publishedVersion !== null
      ? await findRosterVersion(ctx.db, roster.id, roster.publishedVersion)
      : null;
  if (version === null) {
    throw new AppError(
      'NOT_FOUND',
      `the roster of ${month} is not published; only a published roster can be exported`,
    );
  }
  const context = await loadMonthContext(ctx.db, office, month);
  const sheet = buildRosterSheet({
    officeName: office.name,
    month,
    version: version.version,
    publishedOn: instantToLocal(version.createdAt, office.timeZone).date,
    days: datesOfMonth(month).map(context.input.dayInfo),
    shifts: version.snapshot.shifts,
    rows: version.snapshot.rows,
  });
  const content = await renderWorkbook(sheet, ctx.clock.now());
  return {
    filename: `${sheet.title}-${month}.xlsx`,
    asciiFilename: `roster-${month}.xlsx`,
    contentType: xlsxType,
    content,
  };
}

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const allBorders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const fontName = '宋体';
const weekendFill: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF2F2F2' },
};
const holidayFill: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFDE2E2' },
};
/** light colours per shift, in the order of the office's shifts */
const shiftColours = ['FFDDEBF7', 'FFFFF2CC', 'FFE2EFDA', 'FFFCE4D6', 'FFEDE7F6', 'FFE0F7FA'];

/**
 * Lays the sheet out as the office's paper form: title, month and version, two header rows
 * (day numbers, weekdays) and a holiday row, one row per person with totals, the head counts
 * per shift and day, the legend and the signature line. A4 landscape, one page wide.
 */
async function renderWorkbook(sheet: RosterSheet, now: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DutyDesk 值班台';
  workbook.created = now;
  workbook.modified = now;
  const dayCount = sheet.days.length;
  const firstDayColumn = 3;
  const shiftsColumn = firstDayColumn + dayCount;
  const hoursColumn = shiftsColumn + 1;
  const lastColumn = hoursColumn;
  const headerRows = 5;
  const ws = workbook.addWorksheet(sheet.monthLabel, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: headerRows }],
    pageSetup: {
      // A4; ExcelJS.PaperSize is an ambient const enum, which does not exist at run time
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment
      paperSize: 9 as ExcelJS.PaperSize,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.3, right: 0.3, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
      printTitlesRow: `3:${String(headerRows)}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.properties.defaultRowHeight = 18;
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 12;
  for (let d = 0; d < dayCount; d += 1) ws.getColumn(firstDayColumn + d).width = 4.2;
  ws.getColumn(shiftsColumn).width = 7;
  ws.getColumn(hoursColumn).width = 7;

  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({
    name: fontName,
    size: 10,
    ...extra,
  });
  const centre: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle' };

  // title and month
  ws.mergeCells(1, 1, 1, lastColumn);
  const title = ws.getCell(1, 1);
  title.value = sheet.title;
  title.font = font({ size: 16, bold: true });
  title.alignment = centre;
  ws.getRow(1).height = 28;
  const half = Math.floor(lastColumn / 2);
  ws.mergeCells(2, 1, 2, half);
  ws.mergeCells(2, half + 1, 2, lastColumn);
  const monthCell = ws.getCell(2, 1);
  monthCell.value = sheet.monthLabel;
  monthCell.font = font({ size: 12, bold: true });
  const versionCell = ws.getCell(2, half + 1);
  versionCell.value = sheet.versionLabel;
  versionCell.font = font();
  versionCell.alignment = { horizontal: 'right' };

  // header: 序号 and 姓名 over three rows, day numbers, weekdays, holiday marks, totals
  const [dayRow, weekdayRow, markRow] = [3, 4, 5];
  const heads: [number, string][] = [
    [1, '序号'],
    [2, '姓名'],
    [shiftsColumn, '班次'],
    [hoursColumn, '工时'],
  ];
  for (const [column, text] of heads) {
    ws.mergeCells(dayRow, column, markRow, column);
    ws.getCell(dayRow, column).value = text;
  }
  sheet.days.forEach((day, d) => {
    const column = firstDayColumn + d;
    ws.getCell(dayRow, column).value = day.day;
    ws.getCell(weekdayRow, column).value = day.weekday;
    const mark = ws.getCell(markRow, column);
    mark.value = day.mark;
    if (day.holidayName !== null) mark.note = day.holidayName;
  });

  // one row per person
  const firstPersonRow = headerRows + 1;
  const codeIndex = new Map(sheet.counts.map((c, i) => [c.code, i]));
  sheet.people.forEach((person, p) => {
    const row = ws.getRow(firstPersonRow + p);
    row.getCell(1).value = p + 1;
    row.getCell(2).value = person.displayName;
    person.cells.forEach((code, d) => {
      const cell = row.getCell(firstDayColumn + d);
      cell.value = code;
      const colour = code === null ? undefined : shiftColours[codeIndex.get(code) ?? -1];
      if (colour !== undefined)
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour } };
    });
    row.getCell(shiftsColumn).value = person.shifts;
    row.getCell(hoursColumn).value = person.hours;
  });

  // head count per shift and day
  const firstCountRow = firstPersonRow + sheet.people.length;
  sheet.counts.forEach((count, s) => {
    const rowNumber = firstCountRow + s;
    ws.mergeCells(rowNumber, 1, rowNumber, 2);
    const row = ws.getRow(rowNumber);
    row.getCell(1).value = `${count.name}人数`;
    count.perDay.forEach((n, d) => (row.getCell(firstDayColumn + d).value = n));
    row.getCell(shiftsColumn).value = count.total;
    row.font = font({ bold: true });
  });
  const lastGridRow = firstCountRow + sheet.counts.length - 1;

  // borders, fonts and colours of the grid
  for (let r = dayRow; r <= Math.max(lastGridRow, markRow); r += 1) {
    for (let c = 1; c <= lastColumn; c += 1) {
      const cell = ws.getCell(r, c);
      cell.border = allBorders;
      cell.alignment = { ...centre, shrinkToFit: c === 2 };
      if (r <= markRow || r >= firstCountRow) cell.font = font({ bold: true });
      else cell.font = font();
      const day = sheet.days[c - firstDayColumn];
      const filled = cell.fill as ExcelJS.Fill | undefined;
      if (day !== undefined && filled === undefined) {
        if (day.mark === '休') cell.fill = holidayFill;
        else if (day.weekend && day.mark === null) cell.fill = weekendFill;
      }
    }
  }

  // legend and signature line
  const legendRow = lastGridRow + 2;
  ws.mergeCells(legendRow, 1, legendRow, lastColumn);
  const legend = ws.getCell(legendRow, 1);
  legend.value = `图例：${sheet.legend.join('；')}；空白 = 休息；“休” = 法定节假日，“班” = 调休上班`;
  legend.font = font();
  legend.alignment = { wrapText: true, vertical: 'middle' };
  const signatureRow = legendRow + 2;
  const third = Math.floor(lastColumn / 3);
  const signatures: [number, number, string][] = [
    [1, third, '编制：'],
    [third + 1, 2 * third, '审核：'],
    [2 * third + 1, lastColumn, '日期：'],
  ];
  for (const [from, to, label] of signatures) {
    ws.mergeCells(signatureRow, from, signatureRow, to);
    const cell = ws.getCell(signatureRow, from);
    cell.value = `${label}____________________`;
    cell.font = font({ size: 11 });
  }
  ws.getRow(signatureRow).height = 26;
  ws.pageSetup.printArea = `A1:${ws.getColumn(lastColumn).letter}${String(signatureRow)}`;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
