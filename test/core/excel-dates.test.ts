import {
  calendarIso,
  excelSerialToIso,
  isDateFormat,
  isoToExcelSerial,
  isoToUkDate,
  localIsoDate,
} from "../../src/core/basics/excel-dates";

describe("excel dates", () => {
  it("gives a date in the user's own time zone, late in the evening too, as every shell's today", () => {
    expect(localIsoDate(new Date(2013, 0, 5, 23, 59))).toBe("2013-01-05");
    expect(localIsoDate(new Date(2024, 11, 31, 0, 1))).toBe("2024-12-31");
  });

  it("turns 1900-system serials into ISO dates, across the phantom 29 February 1900", () => {
    expect(excelSerialToIso(1)).toBe("1900-01-01");
    expect(excelSerialToIso(59)).toBe("1900-02-28");
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(excelSerialToIso(45382.75)).toBe("2024-03-31");
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToIso(Number.NaN)).toBeNull();
  });

  it("knows date formats from number and time formats", () => {
    expect(["dd/mm/yyyy", "d-mmm-yy", "[$-809]dd mmmm yyyy", "yyyy-mm-dd hh:mm"].map(isDateFormat)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["General", "0.00", "@", "h:mm", '"Due "0', "#,##0"].map(isDateFormat)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("shows ISO dates the UK way", () => {
    expect(isoToUkDate("2024-03-31")).toBe("31/03/2024");
  });
});

describe("ISO dates to Excel serials and UK text", () => {
  it("turns an ISO date into the serial excelSerialToIso turns back, either side of Excel's phantom 29/02/1900", () => {
    for (const iso of ["1900-01-01", "1900-02-28", "1900-03-01", "2012-09-30", "2024-02-29", "9999-12-31"]) {
      expect(excelSerialToIso(isoToExcelSerial(iso))).toBe(iso);
    }
    expect(isoToExcelSerial("2024-01-01")).toBe(45292);
    expect(() => isoToExcelSerial("31/01/2024")).toThrow(RangeError);
  });

  it("shows only a whole ISO date the UK way, leaving other text as it is", () => {
    expect(isoToUkDate("2012-03-31 or later")).toBe("2012-03-31 or later");
    expect(isoToUkDate("end of March")).toBe("end of March");
  });
});

describe("calendarIso", () => {
  it("writes a day the calendar has as yyyy-mm-dd, leap days included", () => {
    expect(calendarIso(2024, 2, 29)).toBe("2024-02-29");
    expect(calendarIso(2000, 2, 29)).toBe("2000-02-29");
    expect(calendarIso(100, 1, 31)).toBe("0100-01-31");
    expect(calendarIso(9999, 12, 31)).toBe("9999-12-31");
  });

  it("gives null for a day the calendar lacks, a month out of range or a year Date cannot hold", () => {
    expect(calendarIso(2025, 2, 29)).toBeNull();
    expect(calendarIso(1900, 2, 29)).toBeNull();
    expect(calendarIso(2025, 4, 31)).toBeNull();
    expect(calendarIso(2025, 13, 1)).toBeNull();
    expect(calendarIso(2025, 0, 1)).toBeNull();
    expect(calendarIso(2025, 1, 0)).toBeNull();
    expect(calendarIso(99, 1, 1)).toBeNull();
    expect(calendarIso(10000, 1, 1)).toBeNull();
  });
});
