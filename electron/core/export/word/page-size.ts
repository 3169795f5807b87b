/*
 * The page every exported document is laid out on, in twentieths of a point: A4, 2 cm margins
 * (1.5 cm at the sides of landscape pages). Its own module so the styles (the contents' tab
 * stop) and the page frame share it without importing each other.
 */

export const a4 = { width: 11906, height: 16838 };
export const portraitMargin = 1134; // 2 cm
export const landscapeMargin = 850; // 1.5 cm

/** The width text can use on a page, for sizing tables and right-aligned tab stops. */
export const textWidth = {
  portrait: a4.width - 2 * portraitMargin,
  landscape: a4.height - 2 * landscapeMargin,
};
