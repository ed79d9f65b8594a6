/**
 * The applicant a dossier is for, with the person who filed it for them when that is someone
 * else: "Công ty TNHH A (do Trần Thị B nộp thay)".
 */
export function applicantWithFiler(name: string, filedByName: string | null | undefined, filedBy: (name: string) => string): string {
  return filedByName ? `${name} (${filedBy(filedByName)})` : name;
}
