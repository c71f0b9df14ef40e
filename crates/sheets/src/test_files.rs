//! Hostile workbooks for tests (here and in the crates that import
//! workbooks): a tiny file with a huge used range, a zip bomb, a part that
//! unpacks past what it declares. Built in the test itself, never stored.
//! Compiled only for tests (`cfg(test)` here, the `test-files` feature for
//! other crates' tests).
use std::io::{Cursor, Read, Write};

/// `book` with every part copied and `edit` applied to the text of the
/// first worksheet.
pub fn edit_sheet(book: &[u8], edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut from = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..from.len() {
        let mut part = from.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if name == "xl/worksheets/sheet1.xml" {
            let mut xml = String::new();
            part.read_to_string(&mut xml).unwrap();
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(edit(&xml).as_bytes()).unwrap();
        } else {
            out.raw_copy_file(part).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// A workbook with one value in A1 and one in the last cell Excel has
/// (XFD1048576): a few KB, but a dense layout would be 17 billion cells.
/// Written with two cells side by side, then the second one moved by
/// editing the sheet (rust_xlsxwriter takes seconds to write row 1048576).
pub fn corner_to_corner() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("工作规范").unwrap();
    sheet.write_string(0, 0, "编号").unwrap();
    sheet.write_string(1, 1, "远处").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let edited = edit_sheet(&bytes, |xml| {
        assert!(xml.contains(r#"r="B2""#), "{xml}");
        xml.replace(r#"r="B2""#, r#"r="XFD1048576""#)
            .replace(r#"<row r="2""#, r#"<row r="1048576""#)
            .replace("A1:B2", "A1:XFD1048576")
    });
    assert!(
        edited.len() < 16 * 1024,
        "the file is small: {}",
        edited.len()
    );
    edited
}

/// A deflate stream (RFC 1951, one block with the fixed codes) that unpacks
/// to `1 + 258 * repeats` zero bytes: one literal, then copies of 258 bytes
/// at distance 1. Made by hand so the test needs no seconds of compressing.
pub fn deflate_zeros(repeats: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, len: u32) {
            self.acc |= value << self.n;
            self.n += len;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        // Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, len: u32) {
            let reversed = (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
            self.put(reversed, len);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // last block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30, 8); // literal 0
    for _ in 0..repeats {
        b.code(0xC5, 8); // length 258 (symbol 285)
        b.code(0, 5); // distance 1
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.out
}

/// `book` with one more part, `name`, holding `deflated` and declaring it
/// unpacks to `declared` bytes: written as a stored part by the zip writer,
/// then its two headers edited to say deflated, with the declared size.
pub fn with_part(book: &[u8], name: &str, deflated: &[u8], declared: u32) -> Vec<u8> {
    let mut from = zip::ZipArchive::new(Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..from.len() {
        out.raw_copy_file(from.by_index(i).unwrap()).unwrap();
    }
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file(name, stored).unwrap();
    out.write_all(deflated).unwrap();
    let mut bytes = out.finish().unwrap().into_inner();
    let local = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == [0x50, 0x4B, 0x03, 0x04])
        .map(|(i, _)| i)
        .find(|&i| bytes[i + 30..].starts_with(name.as_bytes()))
        .unwrap();
    let central = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == [0x50, 0x4B, 0x01, 0x02])
        .map(|(i, _)| i)
        .find(|&i| bytes[i + 46..].starts_with(name.as_bytes()))
        .unwrap();
    for (method_at, size_at) in [(local + 8, local + 22), (central + 10, central + 24)] {
        bytes[method_at..method_at + 2].copy_from_slice(&8u16.to_le_bytes());
        bytes[size_at..size_at + 4].copy_from_slice(&declared.to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{limits, read_workbook};

    #[test]
    fn a_range_from_a1_to_xfd1048576_is_refused_before_it_is_laid_out() {
        let e = read_workbook(&corner_to_corner()).unwrap_err();
        assert!(e.0.contains("工作表“工作规范”"), "{e}");
        assert!(e.0.contains("A1:XFD1048576"), "{e}");
        assert!(e.0.contains("1048576 行 × 16384 列"), "{e}");
        assert!(
            e.0.contains(&format!("最多 {} 行、{} 列", limits::ROWS, limits::COLUMNS)),
            "{e}"
        );
    }

    #[test]
    fn too_many_columns_or_rows_are_refused_and_a_range_within_the_limits_reads() {
        let write = |cells: &[(u32, u16)]| {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for &(r, c) in cells {
                sheet.write_number(r, c, 1.0).unwrap();
            }
            book.save_to_buffer().unwrap()
        };
        let wide = write(&[(0, 0), (0, limits::COLUMNS as u16)]);
        let e = read_workbook(&wide).unwrap_err();
        assert!(e.0.contains("A1:IW1"), "{e}");
        let tall = write(&[(0, 0), (limits::ROWS, 0)]);
        assert!(read_workbook(&tall).is_err());
        // Both limits at once: within rows and columns, but too many cells.
        let square = write(&[(0, 0), (9_999, 200)]);
        let e = read_workbook(&square).unwrap_err();
        assert!(e.0.contains("10000 行 × 201 列"), "{e}");

        let fine = write(&[(2, 1), (limits::ROWS - 1, 3)]);
        let t = &read_workbook(&fine).unwrap()[0];
        assert_eq!(t.rows.len() as u32, limits::ROWS - 2);
        assert_eq!(t.first_col, 1);
        assert_eq!(t.rows[0].number, 3);
        assert_eq!(t.rows.last().unwrap().get(2).text(), "1");
    }

    #[test]
    fn a_zip_bomb_is_refused_before_anything_is_unpacked() {
        // 70 MB of zeros in 35 KB, declared honestly.
        let repeats = 70 * 1024 * 1024 / 258;
        let bomb = deflate_zeros(repeats);
        assert!(bomb.len() < 600 * 1024, "{}", bomb.len());
        let unpacked = 1 + 258 * repeats as u32;
        let bytes = with_part(&corner_to_corner(), "xl/media/image1.png", &bomb, unpacked);
        let e = read_workbook(&bytes).unwrap_err();
        assert!(e.0.contains("解压后有 70 MB，超过 64 MB 的上限"), "{e}");
    }

    #[test]
    fn a_part_that_unpacks_past_what_it_declares_ends_in_an_error() {
        // The shared strings every sheet reads, declared as 2 KB but unpacking
        // to 70 MB: the reader stops at the declared size.
        let repeats = 70 * 1024 * 1024 / 258;
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "编号").unwrap();
        let plain = book.save_to_buffer().unwrap();
        // Copy every part but the shared strings, then add the lying one.
        let mut from = zip::ZipArchive::new(Cursor::new(&plain)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..from.len() {
            let part = from.by_index(i).unwrap();
            if part.name().unwrap() != "xl/sharedStrings.xml" {
                out.raw_copy_file(part).unwrap();
            }
        }
        let without = out.finish().unwrap().into_inner();
        let bytes = with_part(
            &without,
            "xl/sharedStrings.xml",
            &deflate_zeros(repeats),
            2048,
        );
        let e = read_workbook(&bytes).unwrap_err();
        assert!(e.0.contains("无法读取表格文件"), "{e}");
    }

    #[test]
    fn files_that_are_not_xlsx_are_refused_with_what_to_do() {
        let e = read_workbook(b"<html>not a workbook</html>").unwrap_err();
        assert!(e.0.contains(".xlsx"), "{e}");
        let old_xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        let e = read_workbook(&old_xls).unwrap_err();
        assert!(e.0.contains("旧版 Excel（.xls）"), "{e}");
        // A zip that is not a workbook.
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        out.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(b"hi").unwrap();
        let e = read_workbook(&out.finish().unwrap().into_inner()).unwrap_err();
        assert!(e.0.contains("无法读取表格文件"), "{e}");
        let big = vec![b'P'; limits::FILE_BYTES + 1];
        let e = read_workbook(&big).unwrap_err();
        assert!(e.0.contains("文件过大"), "{e}");
    }
}
