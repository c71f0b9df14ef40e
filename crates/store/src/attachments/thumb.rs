//! Small JPEG thumbnails of photos, turned upright by their EXIF
//! orientation, stored beside the photo as `<sha256>.thumb.jpg`.
use image::{DynamicImage, ImageDecoder, ImageReader, Limits, Rgb, RgbImage};
use std::io::Write;
use std::path::Path;

/// The longest side of a thumbnail, in pixels.
pub(crate) const THUMB_PX: u32 = 320;

/// Decoding is bounded so a hostile or enormous "photo" cannot take the
/// machine's memory: 20,000 px a side, 512 MB of pixels at most.
fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(20_000);
    l.max_image_height = Some(20_000);
    l.max_alloc = Some(512 * 1024 * 1024);
    l
}

/// Transparent pixels over white, as the photo would look on paper.
fn flatten(img: &DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

/// The thumbnail of the photo at `src` as JPEG bytes.
pub(crate) fn render(src: &Path) -> Result<Vec<u8>, String> {
    let mut reader = ImageReader::open(src)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| e.to_string())?;
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().map_err(|e| e.to_string())?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    let small = flatten(&img.thumbnail(THUMB_PX, THUMB_PX));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&small)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// Renders and stores the thumbnail; written under a temporary name and
/// renamed, so a half-written thumbnail never carries the final name.
pub(crate) fn make(src: &Path, dest: &Path) -> Result<(), String> {
    let bytes = render(src)?;
    let dir = dest.parent().ok_or("no folder")?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".thumb-")
        .tempfile_in(dir)
        .map_err(|e| e.to_string())?;
    tmp.write_all(&bytes).map_err(|e| e.to_string())?;
    tmp.persist(dest).map_err(|e| e.to_string())?;
    Ok(())
}
