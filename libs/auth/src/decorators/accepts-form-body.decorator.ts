import { SetMetadata } from '@nestjs/common';

export const ACCEPTS_FORM_BODY_KEY = 'custos:http:accepts-form-body';

/**
 * The route also reads `application/x-www-form-urlencoded` (an OAuth token endpoint: client
 * credentials are a form, RFC 6749 §4.4.2); every other route takes JSON only.
 */
export const AcceptsFormBody = (): MethodDecorator => SetMetadata(ACCEPTS_FORM_BODY_KEY, true);
