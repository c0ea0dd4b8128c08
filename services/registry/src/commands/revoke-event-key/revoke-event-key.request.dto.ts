import { IsString, MaxLength, MinLength } from 'class-validator';

export class RevokeEventKeyRequestDto {
  /** Why the key is no longer trusted (compromise, retirement after a rotation); recorded. */
  @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}
