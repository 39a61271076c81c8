/**
 * The defanged form analysts paste into mail and chat, as the core writes it (main/core/indicators/refang.ts;
 * the renderer cannot import it): dots become [.], http becomes hxxp, @ becomes [@]. Hashes and other
 * non-network types are returned unchanged.
 */
export function defangValue(type: string, value: string): string {
  const dots = (text: string) => text.replace(/\./g, '[.]');
  switch (type) {
    case 'url':
      return dots(value.replace(/^(https?|ftp)(?=:)/i, (scheme) => (scheme.toLowerCase() === 'ftp' ? 'fxp' : scheme.replace(/t/gi, 'x'))));
    case 'domain':
    case 'hostname':
    case 'ipv4':
      return dots(value);
    case 'cidr':
      return value.includes(':') ? value : dots(value);
    case 'email':
      return dots(value).replace('@', '[@]');
    default:
      return value;
  }
}
